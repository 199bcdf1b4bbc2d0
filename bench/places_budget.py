"""The gazetteer's budget with a user's GeoNames import: open time, memory, geocoding time per report.

A measurement script, not a test.  It writes a GeoNames-format country dump of ``--names`` invented
places (19 tab-separated columns, three alternate names each, as in a real country file such as
SY.txt with ~40,000 rows), imports it with ``conflictwire places import`` into a temporary cache,
then measures in a fresh process:

* opening the gazetteer (bundled index + the import) and resolving a first name: CPU seconds;
* the memory the import adds (max RSS with the import minus without);
* ``geocode()`` per report over the headlines of ``../shared/data/ucdp-syria-dev`` (after the other
  stages ran once, so only the geocode stage is timed): mean CPU milliseconds.

Budget (issue 15): opens < 1 s, adds < 200 MB, geocoding < 5 ms per report on average.
Times on the shared 2-core machine are noisy; CPU time (time.process_time) is reported.

Usage: .venv/bin/python bench/places_budget.py [--names 40000] [--reports 400]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
UCDP = next((p / "shared" / "data" / "ucdp-syria-dev" / "2018-2019.input.jsonl" for p in HERE.parents
             if (p / "shared" / "data" / "ucdp-syria-dev").is_dir()), None)

_SYLLABLES = ["kha", "rba", "tal", "umm", "sha", "rif", "zar", "qas", "mun", "dar", "bir", "jab", "nah", "sal",
              "hir", "kaf", "mar", "ras", "wad", "ain", "abu", "dei", "nab", "sum", "tur", "qar", "hus", "mal"]


def write_dump(path: Path, n: int) -> None:
    rng = random.Random(15)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            name = " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                            for _ in range(rng.randint(1, 2)))
            alts = ",".join(name.replace("a", "e", 1) + s for s in ("", " al Kabir", " as Saghir"))
            lat, lon = 32.5 + rng.random() * 4.5, 35.8 + rng.random() * 6.0
            fh.write("\t".join([str(9_000_000 + i), name, name, alts, f"{lat:.5f}", f"{lon:.5f}", "P", "PPL", "SY", "",
                                f"{rng.randint(1, 14):02d}", "", "", "", str(rng.randint(0, 5000)), "", "300",
                                "Asia/Damascus", "2024-01-01"]) + "\n")


_PROBE = r"""
import json, resource, sys, time
t0 = time.process_time()
from conflictwire.gazetteer import get_gazetteer
gaz = get_gazetteer()
gaz.resolve("Aleppo")
opened = time.process_time() - t0
out = {"open_cpu_s": opened, "user_places": str(gaz.user_places)}
texts = json.loads(sys.argv[1])
if texts:
    from conflictwire.ingest import process_batch
    from conflictwire.pipeline import geocode as stage
    from conflictwire.pipeline.read import iter_inputs
    spent = []
    real = stage.geocode
    def timed(extraction):
        t = time.process_time()
        try:
            return real(extraction)
        finally:
            spent.append(time.process_time() - t)
    stage.geocode = timed
    docs = [d for d in iter_inputs([sys.argv[2]]) if hasattr(d, "content")]
    process_batch(docs)
    out["geocode_ms_mean"] = 1000 * sum(spent) / max(len(spent), 1)
    out["reports"] = len(spent)
out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def probe(cache: Path, texts: list[str], feed: Path) -> dict:
    env = dict(os.environ, CONFLICTWIRE_CACHE=str(cache))
    res = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(texts), str(feed)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=40000)
    parser.add_argument("--reports", type=int, default=400)
    args = parser.parse_args()
    from conflictwire.gazetteer import index_path
    from conflictwire.settings import Settings

    settings = Settings.build()

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        plain, imported = tmp_path / "plain", tmp_path / "imported"
        for folder in (plain, imported):
            folder.mkdir()
            bundled = index_path(settings.knowledge, settings.cache_dir)
            if bundled.exists():  # reuse the built index: building is not what is measured
                os.symlink(bundled, folder / bundled.name)
        dump = tmp_path / "SY.txt"
        write_dump(dump, args.names)
        env = dict(os.environ, CONFLICTWIRE_CACHE=str(imported))
        subprocess.run([sys.executable, "-m", "conflictwire.cli", "places", "import", str(dump)], env=env, check=True)
        texts: list[str] = []
        feed = tmp_path / "feed.jsonl"
        if UCDP is not None:
            lines = UCDP.read_text(encoding="utf-8").splitlines()[: args.reports]
            feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
            texts = ["x"]
        else:
            print("places_budget: ../shared/data/ucdp-syria-dev absent: geocoding time not measured")
        without = probe(plain, [], feed)
        with_open = probe(imported, [], feed)
        with_import = probe(imported, texts, feed) if texts else with_open
        print(f"user places: {args.names} rows, {args.names * 4} names ({dump.stat().st_size / 1e6:.1f} MB dump); "
              f"index {settings.cache_dir}")
        print(f"open + first resolve (CPU s): without import {without['open_cpu_s']:.3f}, "
              f"with import {with_open['open_cpu_s']:.3f}")
        print(f"max RSS (MB) of a process that opens the gazetteer: {without['max_rss_mb']:.0f} without import, "
              f"{with_open['max_rss_mb']:.0f} with it (+{with_open['max_rss_mb'] - without['max_rss_mb']:.0f})")
        if "geocode_ms_mean" in with_import:
            print(f"geocode stage: {with_import['geocode_ms_mean']:.2f} ms CPU per report (mean over "
                  f"{with_import['reports']} UCDP headlines, with the import)")


if __name__ == "__main__":
    main()
