"""conflictwire: raw news reports about armed conflict -> a sourced, ACLED-style event dataset."""

__version__ = "0.1.0"


def open(db: str | None = None, *, knowledge=(), settings=None, **options):  # noqa: A001 - documented entry point
    """Open a conflictwire database: ``conflictwire.open("sqlite:///cw.db").events(country="IQ")``.

    ``knowledge`` adds knowledge folders; ``options`` are further ``Settings`` fields (``workers=2``,
    ``executor="dask"``, ``scheduler=…``, ``cache_dir=…``); or pass ready ``settings``.
    """
    from conflictwire.dataset import open as _open

    return _open(db, knowledge=knowledge, settings=settings, **options)
