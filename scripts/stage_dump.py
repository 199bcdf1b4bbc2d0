"""Byte-identical dump of every per-document stage's output, to check a refactor changed nothing.

For each input set, every document goes through ``ingest.process_batch`` (clean -> split ->
date -> annotate -> extract -> geocode -> actors, in batches of ``settings.BATCH_DOCUMENTS`` as
``ingest`` runs them) and the dump gets one JSON line per record:

- ``document``: the document's path (relative to its set), warnings and whether a stage failed;
- ``article``: ``to_plain`` of each article after split/date;
- ``mention``, ``statement``, ``tally``, ``warning``: ``to_plain`` of each article's extraction
  after extract, geocode and actors.

The sets: the packaged samples (``conflictwire/samples``), the bench corpus
(``bench/corpus.py``, ``--bench-articles`` articles, seed 7), the headline snippets of
``tests/fixtures/snippets/snippets.jsonl``, and the re3d press releases of ``../shared/data``
(with the nominal publication date ``bench/real_text.py`` gives them; skipped with a line saying
so when the folder is absent).  Documents are sorted by path; records inside an article keep
the stages' order (a change of order is a change of output).  Lines are JSON with sorted keys.

    PYTHONPATH=$PWD/src .venv/bin/python scripts/stage_dump.py /tmp/dump.jsonl
    cmp /tmp/dump.jsonl /work/dumps/baseline-96e4690.jsonl

CPU seconds per set go to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402  (bench/corpus.py)
import real_text  # noqa: E402  (bench/real_text.py)

from conflictwire.ingest import process_batch  # noqa: E402
from conflictwire.models import Document, ReadProblem, to_plain  # noqa: E402
from conflictwire.pipeline.read import iter_inputs  # noqa: E402
from conflictwire.samples import sample_dir  # noqa: E402
from conflictwire.settings import BATCH_DOCUMENTS  # noqa: E402

SNIPPETS = REPO / "tests" / "fixtures" / "snippets" / "snippets.jsonl"


def _line(where: str, kind: str, n: int, record: object) -> str:
    return json.dumps({"at": where, "kind": kind, "n": n, "record": record}, sort_keys=True, ensure_ascii=False)


def dump_set(name: str, root: Path, inputs: list[Path]) -> Iterator[str]:
    """The dump lines of one set; ``root`` is cut from document paths so the dump is path-independent."""
    prefix = str(root).rstrip("/") + "/"
    documents: list[Document] = []
    for item in iter_inputs(inputs):
        if isinstance(item, ReadProblem):
            problem = dataclasses.replace(item, path=f"{name}/{item.path.replace(prefix, '')}")
            yield _line(problem.path, "read_problem", 0, to_plain(problem))
            continue
        documents.append(dataclasses.replace(item, path=f"{name}/{item.path.replace(prefix, '')}"))
    documents.sort(key=lambda d: d.path)
    for start in range(0, len(documents), BATCH_DOCUMENTS):
        for result in process_batch(documents[start:start + BATCH_DOCUMENTS]):
            path = result.document.path
            yield _line(path, "document", 0, {"document_id": result.document.document_id,
                                               "warnings": result.warnings, "failed": result.failed})
            for article in result.articles:
                yield _line(f"{path}#{article.index}", "article", 0, to_plain(article))
            for extraction in result.extractions:
                where = f"{path}#{extraction.article.index}"
                for kind, records in (("mention", extraction.mentions), ("statement", extraction.statements),
                                      ("tally", extraction.tallies), ("warning", extraction.warnings)):
                    for n, record in enumerate(records):
                        yield _line(where, kind, n, to_plain(record))


def default_shared() -> Path:
    """Where the shared data is: ``$CONFLICTWIRE_SHARED/data`` (the variable names the folder holding
    ``data/``, as for ``evaluate``), else ``../shared/data`` beside this checkout or, for a git
    worktree elsewhere, beside the main checkout."""
    candidates = [Path(os.environ["CONFLICTWIRE_SHARED"]) / "data"] if os.environ.get("CONFLICTWIRE_SHARED") else []
    candidates.append(real_text.SHARED)
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=REPO,
                                capture_output=True, text=True, check=True).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared" / "data")
    except (OSError, subprocess.CalledProcessError):
        pass
    return next((c for c in candidates if (c / real_text.SOURCES[0]).is_dir()), candidates[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the dump (JSON lines)")
    parser.add_argument("--bench-articles", type=int, default=1100)
    parser.add_argument("--shared", type=Path, default=default_shared(),
                        help="the shared data folder, the one holding re3d-centcom/ (default: $CONFLICTWIRE_SHARED/data, "
                             "else ../shared/data beside the repository or beside its main checkout)")
    parser.add_argument("--sets", default="samples,bench,snippets,re3d", help="comma-separated subset")
    parser.add_argument("--folder", action="append", default=[], type=Path,
                        help="also dump this folder of inputs (e.g. the set bench/judge_e2e.py --keep builds)")
    args = parser.parse_args()
    wanted = args.sets.split(",")
    total_cpu = 0.0
    lines = 0
    with tempfile.TemporaryDirectory(prefix="cw_dump_") as tmp, args.out.open("w", encoding="utf-8") as out:
        sets: list[tuple[str, Path, list[Path]]] = []
        if "samples" in wanted:
            sets.append(("samples", sample_dir(), [sample_dir()]))
        if "bench" in wanted:
            folder = Path(tmp) / "bench"
            corpus.generate(folder, args.bench_articles, seed=7)
            sets.append(("bench", folder, [folder]))
        if "snippets" in wanted:
            sets.append(("snippets", SNIPPETS.parent, [SNIPPETS]))
        if "re3d" in wanted:
            if (args.shared / real_text.SOURCES[0] / "documents.json").is_file():
                folder = Path(tmp) / "re3d"
                real_text.write_re3d(folder, 1, args.shared)
                sets.append(("re3d", folder, [folder / "re3d.jsonl"]))
            else:
                out.write(_line("re3d", "skipped", 0, f"no re3d documents under {args.shared}") + "\n")
                print(f"stage_dump: re3d skipped (no documents under {args.shared})", file=sys.stderr)
        sets += [(folder.name, folder, [folder]) for folder in args.folder]
        for name, root, inputs in sets:
            cpu = time.process_time()
            n = 0
            for line in dump_set(name, root, inputs):
                out.write(line + "\n")
                n += 1
            cpu = time.process_time() - cpu
            total_cpu += cpu
            lines += n
            print(f"stage_dump: {name}: {n} lines, {cpu:.1f} CPU s", file=sys.stderr)
    print(f"stage_dump: {lines} lines in {args.out}, {total_cpu:.1f} CPU s (model loading in the first set)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
