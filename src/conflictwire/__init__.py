"""conflictwire: raw news reports about armed conflict -> a sourced, ACLED-style event dataset."""

__version__ = "0.1.0"
