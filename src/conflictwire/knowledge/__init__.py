"""Domain knowledge as reviewed data files (YAML), plus user folders.

Layout (package and every ``--knowledge DIR`` share it)::

    actors/*.yaml      actor registry: canonical names, aliases, inter codes, umbrellas
    places/*.yaml      curated places: bases, airfields, fields, crossings, districts
    lang/*.yaml        the English words every stage reads (numbers, months, role nouns …)
    triggers.yaml      event trigger lexicon -> ACLED sub-types
    hedges.yaml        cues that make a sentence hypothetical, negated or analytic
    weapons.yaml       weapon terms
    statements.yaml    statement verbs -> PLOVER types
    actor_names.yaml   what an actor name the registry does not know must look like to be kept

User directories are read after the package's files, so a user entry with the same
key (canonical actor name, place id) replaces the packaged one, and a user list adds
to the packaged list of the same name.

Which folders a run reads is a ``Knowledge`` value, part of ``conflictwire.settings.Settings``:
there is no module-level list of folders.  Everything built from knowledge (the actor
registry, the gazetteer, the lexicons) is cached *by* the ``Knowledge`` it was built from,
so two settings never share a stale cache, and a worker process that receives the
settings builds exactly what the parent would.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent


class KnowledgeError(ValueError):
    """A knowledge folder that cannot be used (missing, not a folder)."""


class Knowledge(NamedTuple):
    """The knowledge folders one run reads (package first, then the user's, in order) and a
    fingerprint of their YAML files (paths, sizes, modification times): two values are equal
    exactly when they read the same files as they were, so caches key on it.  Immutable and
    picklable; a tuple, so hashing it as a cache key costs next to nothing."""

    user_dirs: tuple[str, ...] = ()
    fingerprint: str = ""

    @classmethod
    def of(cls, user_dirs: Iterable[str | Path] = ()) -> "Knowledge":
        """The package's knowledge plus ``user_dirs``; a missing folder is a ``KnowledgeError``."""
        dirs: list[str] = []
        for folder in user_dirs:
            path = Path(folder).expanduser()
            if not path.is_dir():
                raise KnowledgeError(f"{folder}: no such knowledge folder")
            resolved = str(path.resolve())
            if resolved not in dirs:
                dirs.append(resolved)
        return cls(tuple(dirs), _fingerprint([PACKAGE_DIR, *map(Path, dirs)]))

    @property
    def dirs(self) -> list[Path]:
        """Package first, then user directories (later entries override earlier ones)."""
        return [PACKAGE_DIR, *map(Path, self.user_dirs)]

    def iter_yaml_files(self, subdir: str) -> Iterator[Path]:
        """Every ``*.yaml`` under ``subdir`` of each knowledge directory, package first, sorted."""
        for base in self.dirs:
            folder = base / subdir
            if folder.is_dir():
                yield from sorted(folder.glob("*.yaml"))

    def verify(self) -> "Knowledge":
        """Raise ``KnowledgeError`` when a user folder is missing here (a Dask worker on a machine
        without it would otherwise read the packaged knowledge only, silently)."""
        _verified(self)
        return self

    def load_lexicon(self, name: str) -> dict[str, Any]:
        """A top-level lexicon file (e.g. ``triggers.yaml``), user files merged key by key."""
        return merge_lexicons(base / name for base in self.dirs)


@functools.lru_cache(maxsize=8)
def _verified(known: Knowledge) -> None:
    for folder in known.user_dirs:
        if not Path(folder).is_dir():
            raise KnowledgeError(f"{folder}: knowledge folder not found on this machine (every worker reads "
                                 "the folders at the paths the run was started with)")


def merge_lexicons(paths: Iterable[Path]) -> dict[str, Any]:
    """Mappings from ``paths`` (those that exist) merged in order: lists are extended (no
    duplicates), mappings updated, anything else replaced."""
    merged: dict[str, Any] = {}
    for path in paths:
        if not path.is_file():
            continue
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of names to lists or values")
        for key, value in data.items():
            if isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + [v for v in value if v not in merged[key]]
            elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged


def _fingerprint(dirs: list[Path]) -> str:
    digest = hashlib.sha256()
    for base in dirs:
        for path in sorted(base.rglob("*.yaml")):
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


# libyaml's loader when PyYAML was built with it: the same data (the safe constructors), read 5x
# faster (1.79 -> 0.34 CPU s for the packaged knowledge, paid by the parent and every worker).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        try:
            data = yaml.load(handle, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
        except yaml.YAMLError as exc:  # a user's override file is user input: say where it broke
            raise ValueError(f"{path}: not valid YAML: {exc}") from None
    if (where := _boolean_in_a_list(data)) is not None:
        raise ValueError(f"{path}: the list {where!r} holds true/false, not a word: YAML reads on, off, yes and "
                         "no unquoted as booleans; quote them ('on')")
    return data


def _boolean_in_a_list(data: Any, key: str = "") -> str | None:
    """The key of the first list holding a boolean: a word list written [on, at, ...] has silently
    lost its 'on' (read as true), and 'no attack' stopped negating when [no, ...] held false."""
    if isinstance(data, dict):
        return next((w for k, v in data.items() if (w := _boolean_in_a_list(v, str(k))) is not None), None)
    if isinstance(data, list):
        if any(isinstance(item, bool) for item in data):
            return key
        return next((w for item in data if (w := _boolean_in_a_list(item, key)) is not None), None)
    return None
