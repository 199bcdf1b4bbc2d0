"""The bundled sample corpus: articles written for conflictwire (see README.md in this folder)."""

from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".html", ".jsonl")


def sample_dir() -> Path:
    return Path(__file__).resolve().parent


def sample_files() -> list[Path]:
    """The article files only (not the manifest or the README), in a stable order."""
    return sorted(p for p in sample_dir().iterdir() if p.suffix in ARTICLE_SUFFIXES)
