"""Domain knowledge as reviewed data files (YAML), plus user overrides.

Layout (package and every ``--knowledge DIR`` share it)::

    actors/*.yaml      actor registry: canonical names, aliases, inter codes, umbrellas
    places/*.yaml      curated places: bases, airfields, fields, crossings, districts
    triggers.yaml      event trigger lexicon -> ACLED sub-types
    hedges.yaml        cues that make a sentence hypothetical, negated or analytic
    weapons.yaml       weapon terms
    statements.yaml    statement verbs -> PLOVER types

User directories are read after the package's files, so a user entry with the same
key (canonical actor name, place id) replaces the packaged one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent

_extra_dirs: list[Path] = []


def set_extra_dirs(dirs: Iterable[str | Path]) -> None:
    """Register user knowledge directories (``--knowledge DIR`` or $CONFLICTWIRE_KNOWLEDGE)."""
    _extra_dirs[:] = [Path(d) for d in dirs]


def extra_dirs() -> list[Path]:
    env = os.environ.get("CONFLICTWIRE_KNOWLEDGE")
    found = list(_extra_dirs)
    if env:
        found += [Path(p) for p in env.split(os.pathsep) if p]
    return found


def search_dirs() -> list[Path]:
    """Package first, then user directories (later entries override earlier ones)."""
    return [PACKAGE_DIR, *extra_dirs()]


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        try:
            return yaml.safe_load(handle)
        except yaml.YAMLError as exc:  # a user's override file is user input: say where it broke
            raise ValueError(f"{path}: not valid YAML: {exc}") from None


def iter_yaml_files(subdir: str) -> Iterator[Path]:
    """Every ``*.yaml`` under ``subdir`` of each knowledge directory, package first, sorted."""
    for base in search_dirs():
        folder = base / subdir
        if folder.is_dir():
            yield from sorted(folder.glob("*.yaml"))


def load_lexicon(name: str) -> dict[str, Any]:
    """A top-level lexicon file (e.g. ``triggers.yaml``), user files merged key by key."""
    merged: dict[str, Any] = {}
    for base in search_dirs():
        path = base / name
        if path.is_file():
            data = load_yaml(path) or {}
            for key, value in data.items():
                if isinstance(value, list) and isinstance(merged.get(key), list):
                    merged[key] = merged[key] + [v for v in value if v not in merged[key]]
                elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                    merged[key] = {**merged[key], **value}
                else:
                    merged[key] = value
    return merged
