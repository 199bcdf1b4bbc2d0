"""conflictwire: raw news reports about armed conflict -> a sourced, ACLED-style event dataset."""

__version__ = "0.1.0"


def open(db: str | None = None):  # noqa: A001 - conflictwire.open(db) is the documented entry point
    """Open a conflictwire database: ``conflictwire.open("sqlite:///cw.db").events(country="IQ")``."""
    from conflictwire.dataset import open as _open

    return _open(db)
