"""The bundled sample corpus: articles written for conflictwire (see README.md in this folder)."""

from pathlib import Path


def sample_dir() -> Path:
    return Path(__file__).resolve().parent
