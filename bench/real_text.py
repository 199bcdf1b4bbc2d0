"""Throughput on real text: the public-domain re3d press releases, end to end.

The synthetic bench corpus (bench/corpus.py) is denser in violence than real news: 87% of
its sentences go to spaCy.  This script measures the same ``ingest`` on real documents:
the CENTCOM and State Department releases in ``../shared/data`` (public domain, see their
folders), each copied ``--copies`` times with a unique reference line so the content-hash
check does not skip the copies, written as one JSONL file and run through ``bench/run.py``
(local pool with 1 and 2 workers, re-ingest).  The releases carry no publication date, so
every record gets a nominal one (``NOMINAL_PUBLISHED``): without it every event would be
dropped for want of a year and the later stages would do no work; the dates of the events
this produces mean nothing.

    .venv/bin/python bench/real_text.py --copies 8 --out report.md
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (bench/corpus.py, next to this file)

SHARED = HERE.parent.parent / "shared" / "data"
SOURCES = ("re3d-centcom", "re3d-us-state-department")
NOMINAL_PUBLISHED = "2017-01-15"


def write_corpus(folder: Path, copies: int, shared: Path = SHARED) -> tuple[int, int]:
    """One JSONL file of the releases times ``copies``; returns (records, words)."""
    records = []
    for source in SOURCES:
        path = shared / source / "documents.json"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    folder.mkdir(parents=True, exist_ok=True)
    n = words = 0
    with (folder / "re3d.jsonl").open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for record in records:
                text = f"{record['text']}\n\nReference {record['_id']}-{copy}."
                out.write(json.dumps({"title": record.get("title"), "url": record.get("sourceUrl"),
                                      "outlet": record.get("sourceName"), "published": NOMINAL_PUBLISHED,
                                      "text": text}) + "\n")
                n += 1
                words += len(text.split())
    stats = corpus.CorpusStats(documents=n, articles=n, words=words, bytes=(folder / "re3d.jsonl").stat().st_size)
    corpus.save_stats(folder, stats)  # read by run.py --corpus
    return n, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not (args.shared / SOURCES[0] / "documents.json").is_file():
        sys.exit(f"real_text: no re3d documents under {args.shared} (expected {SOURCES[0]}/documents.json)")
    with tempfile.TemporaryDirectory(prefix="cw_real_") as tmp:
        folder = Path(tmp) / "re3d"
        n, words = write_corpus(folder, args.copies, args.shared)
        print(f"{n} articles, {words:,} words ({words / n:.0f} per article)", file=sys.stderr)
        command = [sys.executable, str(HERE / "run.py"), "--corpus", str(folder), "--skip", "dask"]
        if args.out:
            command += ["--out", str(args.out)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
