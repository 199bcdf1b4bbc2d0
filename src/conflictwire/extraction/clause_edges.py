"""Where one clause of a sentence ends and the next begins: the marks and joining words the clause rules build
their edge patterns from ("Warplanes raid X .. 3 killed in shelling on Y", "Clashes in X and explosion causes
casualties in Y", "X - Y", "X; Y").  One place, so a new mark reaches every rule that cuts clauses; each rule
still picks the marks and joining words it needs (a toll split may cut at "as", a clause opening may not).
"""

from __future__ import annotations

ELLIPSIS = r"\.\.+|…"  # "X .. Y", "X … Y"
DASH = r"\s[-–]\s"  # "X - Y", "X – Y" (never a hyphen inside a word)


def joined(*words: str) -> str:
    """A joining word after a space: ``joined("and", "while")`` is ``\\s(?:and|while)``."""
    return rf"\s(?:{'|'.join(words)})"


def edge(*marks: str) -> str:
    """Any of ``marks``: an alternation to compile as it is or to wrap."""
    return "|".join(marks)
