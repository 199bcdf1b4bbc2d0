"""Run the fuzz targets: ``python fuzz/run.py [TARGET ...] [--examples N] [--atheris]``.

Default: every target under hypothesis, N examples each (inputs mix random bytes with the words
the date and article patterns look for).  ``--atheris`` runs one target coverage-guided under
atheris/libFuzzer for N runs.  Exit status 1 and the failing input on the first bug.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from targets import TARGETS  # noqa: E402

FRAGMENTS = ["March 3, 2024", "3 March 2024", "Feb. 29", "on Sunday", "last Friday", "late on Tuesday",
             "two days ago", "last week", "this month", "since October 7", "2024-02-30", "09.04.2020",
             "yesterday", "tonight", "BAGHDAD, Jan 5 (Reuters) -", "By Staff Writer |", "\n\n", "\n", " ",
             ".", "—", "Mar.", "2023", "next month", "will meet on Monday", "© 2024 Desert Ledger", "Source:",
             "<p>", "</p>", "<div>", "<br>", "<script>x</script>", "\u2028", "\r\n", '{"text": "', '"}',
             "title,text\n", '"', "WARC/1.0\r\n", "\x00", "\ufeff"]


def run_hypothesis(names: list[str], examples: int) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    words = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=16)), max_size=40).map("".join)
    inputs = st.one_of(st.binary(max_size=2000),
                       st.tuples(st.binary(min_size=3, max_size=3), words).map(lambda t: t[0] + t[1].encode(
                           "utf-8", "surrogatepass")))
    failed = 0
    for name in names:
        target = TARGETS[name]
        started = time.monotonic()

        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(inputs)
        def fuzz(data: bytes) -> None:
            target(data)

        try:
            fuzz()
            print(f"{name}: {examples} inputs, no failure ({time.monotonic() - started:.0f} s)")
        except Exception as exc:  # hypothesis prints the shrunk failing input
            failed += 1
            print(f"{name}: FAILED ({type(exc).__name__}: {exc})")
    return 1 if failed else 0


def run_atheris(name: str, runs: int) -> int:
    import atheris

    target = TARGETS[name]
    with atheris.instrument_imports():
        import conflictwire.pipeline.clean  # noqa: F401
        import conflictwire.pipeline.read  # noqa: F401
        import conflictwire.pipeline.split  # noqa: F401
        import conflictwire.timex  # noqa: F401
    atheris.Setup([sys.argv[0], f"-runs={runs}", "-max_len=4096"], target)
    atheris.Fuzz()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", choices=[*TARGETS, []], default=[])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per target")
    parser.add_argument("--atheris", action="store_true", help="coverage-guided (one target at a time)")
    args = parser.parse_args()
    names = args.targets or list(TARGETS)
    if args.atheris:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed: running hypothesis instead")
        else:
            return max(run_atheris(name, args.examples) for name in names)
    return run_hypothesis(names, args.examples)


if __name__ == "__main__":
    sys.exit(main())
