"""The English words the stages read, from ``knowledge/lang/*.yaml``: one place, one loader.

Number words, ordinals, month names, weekdays, parts of months and years, seasons (and the
other word lists under ``knowledge/lang/``) are data.  ``words()`` gives the ``Words`` of the
active settings' knowledge: the package's ``lang/*.yaml`` merged with every ``lang/*.yaml`` of
the user's ``--knowledge`` folders (a list or mapping of the same name is extended).  Built once
per ``Knowledge`` and cached by it, like the actor registry and the gazetteer.

A stage that compiles words into a pattern does it in a function decorated with ``@derived``:
called with no arguments, it returns what it built from the active ``Words``, cached by the
knowledge those came from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from conflictwire import settings
from conflictwire.knowledge import Knowledge, merge_lexicons

T = TypeVar("T")


@dataclass(frozen=True)
class Words:
    numbers: Mapping[str, int]  # one .. nineteen
    tens: Mapping[str, int]  # twenty .. ninety
    hundreds: Mapping[str, int]  # hundred, a hundred, one hundred
    one_words: frozenset[str]  # articles read as one where a count stands
    ordinals: Mapping[str, int]  # first .. thirty-first
    months: Mapping[str, int]  # names and abbreviations -> 1..12
    weekdays: tuple[str, ...]  # monday first
    parts_of_month: Mapping[str, tuple[int, int]]
    parts_of_year: Mapping[str, tuple[int, int]]
    seasons: Mapping[str, tuple[int, int]]
    lists: Mapping[str, frozenset[str]]  # every other list of lang/*.yaml, by name
    tables: Mapping[str, Mapping[str, Any]]  # every other mapping of lang/*.yaml, by name

    @functools.cached_property
    def cardinals(self) -> dict[str, int]:
        """Single number words: units, teens and tens."""
        return {**self.numbers, **self.tens}

    def number(self, word: str) -> int | None:
        """The value of a number word or a ten-unit compound ("twenty-three", "Twenty three")."""
        low = " ".join(word.lower().replace("-", " ").split())
        found = self.cardinals.get(low, self.hundreds.get(low))
        if found is not None:
            return found
        ten, _, unit = low.partition(" ")
        if ten in self.tens and self.numbers.get(unit, 10) < 10:
            return self.tens[ten] + self.numbers[unit]
        return None

    def spelled(self, value: int) -> str | None:
        """The single word for ``value`` (1..19, 20, 30 …), if there is one."""
        return next((w for w, v in self.cardinals.items() if v == value), None)

    def words(self, name: str) -> frozenset[str]:
        """A plain word list of lang/*.yaml (lower case); empty when no file names it."""
        return self.lists.get(name, frozenset())

    def table(self, name: str) -> Mapping[str, Any]:
        """A mapping of lang/*.yaml (lower-case keys); empty when no file names it."""
        return self.tables.get(name, {})


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so "seventeen" is tried before "seven")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def words() -> Words:
    """The words of the active settings' knowledge."""
    return words_for(settings.knowledge())


@functools.lru_cache(maxsize=4)
def words_for(known: Knowledge) -> Words:
    data = merge_lexicons(known.iter_yaml_files("lang"))

    def mapping(key: str) -> dict[str, Any]:
        found = data.get(key) or {}
        if not isinstance(found, dict):
            raise ValueError(f"lang/*.yaml: {key!r} must be a mapping of words to values")
        return {str(k).lower(): v for k, v in found.items()}

    def span(key: str) -> dict[str, tuple[int, int]]:
        return {k: (int(v[0]), int(v[1])) for k, v in mapping(key).items()}

    special = {"numbers", "tens", "hundreds", "one_words", "ordinals", "months", "weekdays", "parts_of_month",
               "parts_of_year", "seasons"}
    return Words(
        numbers={k: int(v) for k, v in mapping("numbers").items()},
        tens={k: int(v) for k, v in mapping("tens").items()},
        hundreds={k: int(v) for k, v in mapping("hundreds").items()},
        one_words=frozenset(str(w).lower() for w in data.get("one_words") or []),
        ordinals={k: int(v) for k, v in mapping("ordinals").items()},
        months={k: int(v) for k, v in mapping("months").items()},
        weekdays=tuple(str(w).lower() for w in data.get("weekdays") or []),
        parts_of_month=span("parts_of_month"),
        parts_of_year=span("parts_of_year"),
        seasons=span("seasons"),
        lists={k: frozenset(str(w).lower() for w in v) for k, v in data.items()
               if k not in special and isinstance(v, list)},
        tables={k: {str(w).lower(): x for w, x in v.items()} for k, v in data.items()
                if k not in special and isinstance(v, dict)},
    )


def packaged() -> Words:
    """The package's own words (for patterns compiled once, at import)."""
    return words_for(Knowledge.of())


def derived(build: Callable[[Words], T]) -> Callable[[], T]:
    """``build(words)`` for the active knowledge's words, built once per knowledge."""
    cached = functools.lru_cache(maxsize=4)(lambda known: build(words_for(known)))

    @functools.wraps(build)
    def get() -> T:
        return cached(settings.knowledge())

    return get
