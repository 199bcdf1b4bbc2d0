"""The `conflictwire` command line: a thin layer over the library API.

Exit codes: 0 success, 1 some inputs rejected (the others were kept), 2 usage error.
User errors print one clear line naming the file or value; never a traceback.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from conflictwire import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn raw news reports about armed conflict into a sourced, ACLED-style event dataset.")
review_app = typer.Typer(no_args_is_help=True, help="Review possible duplicates: list, confirm or split.")
app.add_typer(review_app, name="review")
places_app = typer.Typer(no_args_is_help=True, help="Your own gazetteer: import GeoNames dumps or a CSV; see what a name resolves to.")
app.add_typer(places_app, name="places")

out = Console()
err = Console(stderr=True, soft_wrap=True)  # one message per line, never wrapped

DbOption = typer.Option(None, "--db", help="SQLAlchemy URL or a SQLite file path (default: $CONFLICTWIRE_DB or sqlite:///conflictwire.db)")
KnowledgeOption = typer.Option(None, "--knowledge", help="extra knowledge folder (actors/, places/ …) overriding the packaged one")


class UsageProblem(Exception):
    """A bad option value: reported as a usage error (exit 2)."""


def _parse_date(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(f"{option} {value!r} is not a date: use YYYY-MM-DD") from None


def _store(db: Optional[str]):
    from conflictwire.store.db import Store

    return Store(db)


def read_store(db: Optional[str]):
    """The store for a command that only reads (or corrects) stored results: a SQLite file that does
    not exist is refused rather than created empty (a wrong folder or a typo in --db)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from conflictwire.store.db import resolve_url

    url = resolve_url(db)
    try:
        parsed = make_url(url)
    except ArgumentError:
        return _store(db)  # the store says what is wrong with the URL
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
            and not parsed.database.startswith("file:") and not Path(parsed.database).is_file():
        raise UsageProblem(f"no database at {Path(parsed.database).resolve()}: ingest into it first, "
                           f"or give the right --db (or $CONFLICTWIRE_DB)")
    return _store(db)


def _settings(db: Optional[str], knowledge: Optional[list[Path]] = None, **options):
    """The run's Settings: options, then $CONFLICTWIRE_DB / $CONFLICTWIRE_KNOWLEDGE / $CONFLICTWIRE_CACHE."""
    from conflictwire.settings import Settings

    for folder in knowledge or []:
        if not folder.is_dir():
            raise UsageProblem(f"--knowledge {folder}: no such folder")
    return Settings.build(db=db, knowledge=knowledge or [], **options)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="files or folders (.txt .html .jsonl .csv .warc .warc.gz)"),
    db: Optional[str] = DbOption,
    published: Optional[str] = typer.Option(None, help="publication date (YYYY-MM-DD) for undated pages; re-dates such pages already stored"),
    outlet: Optional[str] = typer.Option(None, help="outlet name for pages that do not state one; re-attributes such pages already stored"),
    workers: int = typer.Option(1, min=1, help="local worker processes"),
    executor: str = typer.Option("local", help="local or dask"),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address, e.g. tcp://host:8786"),
    max_file_mb: int = typer.Option(50, min=1, help="reject files larger than this"),
    knowledge: Optional[list[Path]] = KnowledgeOption,
) -> None:
    """Read files or folders, run the whole pipeline, store the results."""
    if executor not in ("local", "dask"):
        raise UsageProblem(f"--executor {executor!r}: choose local or dask")
    if executor == "dask" and not scheduler:
        raise UsageProblem("--executor dask needs --scheduler tcp://host:port")
    settings = _settings(db, knowledge, workers=workers, executor=executor, scheduler=scheduler,
                         max_file_mb=max_file_mb)
    summary = run_ingest(paths, settings, published=_parse_date(published, "--published"), outlet=outlet)
    raise typer.Exit(1 if summary.rejected else 0)


def run_ingest(paths, settings, *, published=None, outlet=None, label="ingest"):
    from conflictwire.ingest import ingest as run

    store = _store(settings.db)
    command_line = " ".join([label, *map(str, paths)])
    with _progress() as progress:
        task = progress.add_task("documents", total=None) if progress else None

        def tick(document, status):
            if progress is not None:
                progress.update(task, advance=1, description=f"{status}: {Path(document.path.split('#')[0]).name}",
                                refresh=True)

        summary = run(paths, store, published=published, outlet=outlet, settings=settings,
                      command_line=command_line, on_document=tick)
    print_summary(store, summary)
    return summary


class _NoProgress:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _progress():
    if not err.is_terminal:
        return _NoProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    # Redrawn at each document, not by a refresh thread: local workers are forked from this process
    # only while it runs no other thread (ingest.LocalExecutor).
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, auto_refresh=False)


def print_summary(store, summary) -> None:
    counts = store.counts()
    table = Table(title="conflictwire: ingest summary", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("this run", justify="right")
    table.add_column("in database", justify="right")
    rederived = getattr(summary, "documents_rederived", 0)
    table.add_row("documents", f"{summary.documents_new} new, "
                  + (f"{rederived} re-dated or re-attributed, " if rederived else "")
                  + f"{summary.documents_skipped} unchanged", str(counts["documents"]))
    table.add_row("articles", str(summary.articles), str(counts["articles"]))
    table.add_row("event reports", str(summary.mentions), str(counts["mentions"]))
    table.add_row("events (merged)", "", str(counts["events"]))
    table.add_row("statements", str(summary.statements), str(counts["statements"]))
    table.add_row("tallies", str(summary.tallies), str(counts["tallies"]))
    table.add_row("warnings", str(summary.warnings + len(summary.problems)), str(counts["warnings"]))
    table.add_row("possible duplicates", "", str(counts["possible_duplicates"]))
    out.print(table)
    shown = [*summary.problems, *getattr(summary, "notices", [])]
    for problem in shown[:40]:
        style = "red" if problem.severity == "error" else "yellow"
        # file names and messages are user data: escaped, so "[/x]" in a name is text, not rich markup
        err.print(f"[{style}]{problem.severity}[/{style}]: {escape(problem.path)}: {escape(problem.message)}",
                  highlight=False, emoji=False)
    if len(shown) > 40:
        err.print(f"… and {len(shown) - 40} more: see `conflictwire warnings`")
    if summary.rejected:
        err.print(f"[red]{summary.rejected} input(s) rejected[/red]; the others were stored.")


@app.command()
def export(
    kind: str = typer.Argument(..., help="events, statements, tallies or articles"),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv, geojson, parquet, acled-csv, plover-jsonl"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="file to write (default: stdout)"),
    db: Optional[str] = DbOption,
    date_from: Optional[str] = typer.Option(None, "--from", help="first date, YYYY-MM-DD"),
    date_to: Optional[str] = typer.Option(None, "--to", help="last date, YYYY-MM-DD"),
    country: Optional[str] = typer.Option(None, help="ISO2 code or country name"),
    actor: Optional[str] = typer.Option(None, help="actor, any alias"),
    type_: Optional[str] = typer.Option(None, "--type", help="ACLED event type or sub-event type"),
) -> None:
    """Write events, statements, tallies or articles in an analyst's format."""
    from conflictwire import export as exporter
    from conflictwire.pipeline.actors import actor_names
    from conflictwire.store.db import EventFilter

    exporter.check(kind, fmt)
    f = EventFilter(date_from=_iso(date_from, "--from"), date_to=_iso(date_to, "--to"), country=country,
                    actor=actor_names(actor) if actor else None, event_type=type_)
    store = read_store(db)
    binary = fmt in exporter.BINARY_FORMATS
    if output is None:
        if binary and sys.stdout.isatty():
            raise UsageProblem(f"{fmt} is binary: give -o FILE")
        stream = sys.stdout.buffer if binary else sys.stdout
        exporter.write(store, kind, fmt, stream, f)
        stream.flush()
        return
    tmp = output.with_name(output.name + ".part")
    with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as handle:
        n = exporter.write(store, kind, fmt, handle, f)
    os.replace(tmp, output)  # never leave a half-written export behind
    err.print(f"wrote {n} {kind} to {escape(str(output))}", highlight=False)


def _iso(value: Optional[str], option: str) -> Optional[str]:
    parsed = _parse_date(value, option)
    return parsed.isoformat() if parsed else None


@app.command()
def warnings(
    db: Optional[str] = DbOption,
    all_runs: bool = typer.Option(False, "--all", help="every run, not only the latest"),
    errors_only: bool = typer.Option(False, "--errors", help="only rejected inputs"),
) -> None:
    """List per-file problems and warnings (latest run by default)."""
    rows = read_store(db).warnings(latest_run=not all_runs)
    shown = 0
    for row in rows:
        if errors_only and row["severity"] != "error":
            continue
        # plain print: tab-separated for `cut -f` (rich would expand the tabs and read "[b]" as markup)
        print("\t".join(" ".join(str(row[k] or "").split()) for k in ("severity", "stage", "path", "message")))
        shown += 1
    if not shown:
        err.print("no warnings")


@app.command()
def actors(
    db: Optional[str] = DbOption,
    unknown: bool = typer.Option(False, "--unknown", help="only actors the registry does not know"),
) -> None:
    """Actors seen in events; --unknown lists the ones to add to a --knowledge override file."""
    rows = read_store(db).actors(unknown_only=unknown)
    for row in rows:
        flag = "" if row["known"] else "\tUNKNOWN"
        out.print(f"{row['mentions']}\t{escape(row['name'])}{flag}", highlight=False)
    if unknown and rows:
        err.print("add these to a YAML file under DIR/actors/ and re-run with --knowledge DIR")


@app.command()
def merge(
    db: Optional[str] = DbOption,
    rebuild: bool = typer.Option(False, "--rebuild", help="recompute every event from the stored reports "
                                                          "(after changing knowledge: actors, places, rules)"),
    knowledge: Optional[list[Path]] = KnowledgeOption,
) -> None:
    """Merge reports not merged yet into events (ingest does this itself); --rebuild recomputes all."""
    import time

    from conflictwire.pipeline.merge import run_merge

    run = _settings(db, knowledge)
    store = read_store(run.db)
    started = time.perf_counter()
    with run.active():  # the knowledge (actor registry) the merge compares actors with
        blocks = run_merge(store, rebuild=rebuild)
    what = "recomputed" if rebuild else "merged"
    err.print(f"{what} {blocks} country block{'s' if blocks != 1 else ''} in {time.perf_counter() - started:.1f} s; "
              f"{store.counts()['events']} events")


@review_app.command("list")
def review_list(db: Optional[str] = DbOption) -> None:
    """Pairs of events that may be one event, most likely first."""
    store = read_store(db)
    pairs = store.possible_duplicates()
    if not pairs:
        err.print("no possible duplicates")
    for pair in pairs:
        a, b = store.get_event(pair["event_a"]), store.get_event(pair["event_b"])
        out.print(f"[bold]{pair['pair_id']}[/bold] score {pair['score']}", highlight=False)
        for e in (a, b):
            if e:
                out.print(escape(f"  {e['event_id']}  {e['event_date']}  {e['sub_event_type']}  {e['location']}  "
                                 f"{e['actor1'] or ''}"), highlight=False)


@review_app.command("confirm")
def review_confirm(pair_id: str, db: Optional[str] = DbOption) -> None:
    """The pair is one event: merge it, now and in every later run."""
    _decide(pair_id, "same", db)


@review_app.command("split")
def review_split(pair_id: str, db: Optional[str] = DbOption) -> None:
    """The pair is two events: keep them apart, now and in every later run."""
    _decide(pair_id, "different", db)


def _decide(pair_id: str, decision: str, db: Optional[str]) -> None:
    from conflictwire.pipeline.merge import run_merge

    store = read_store(db)
    pair = next((p for p in store.possible_duplicates() if p["pair_id"] == pair_id), None)
    if pair is None:
        raise UsageProblem(f"no possible-duplicate pair {pair_id!r}: see `conflictwire review list`")
    store.add_decision(pair["mention_a"], pair["mention_b"], decision)
    run_merge(store)
    err.print(f"recorded: {pair_id} is {'one event' if decision == 'same' else 'two events'}")


@app.command()
def serve(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", help="address to bind (127.0.0.1 keeps it on this machine)"),
    port: int = typer.Option(8000, help="port"),
) -> None:
    """The web workbench and the JSON API on one port."""
    _serve(db, host, port)


def _serve(db: Optional[str], host: str, port: int) -> None:
    import uvicorn

    from conflictwire.web.app import create_app

    from conflictwire.web.guard import allowed_hosts, is_loopback

    import socket

    store = read_store(db)
    shown = socket.gethostname() if host in ("0.0.0.0", "::") else host  # a name the server answers to
    err.print(f"workbench: http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs)", highlight=False)
    if os.environ.get("CONFLICTWIRE_TOKEN"):
        err.print("writes need the token (CONFLICTWIRE_TOKEN)", highlight=False)
    elif is_loopback(host):
        err.print("corrections from this machine need no token", highlight=False)
    else:
        err.print("read-only: set CONFLICTWIRE_TOKEN to allow corrections and uploads", highlight=False)
    if not is_loopback(host):
        err.print(f"answering to host names: {', '.join(allowed_hosts(host))} (add more with CONFLICTWIRE_HOSTS)",
                  highlight=False)
    uvicorn.run(create_app(store, host=host), host=host, port=port, log_level="warning")


@app.command()
def demo(
    db: Optional[str] = typer.Option(None, "--db", help="database (default: sqlite:///conflictwire-demo.db)"),
    no_serve: bool = typer.Option(False, "--no-serve", help="ingest and print the summary, then exit"),
    port: int = typer.Option(8000, help="port for the workbench"),
) -> None:
    """Ingest the bundled sample corpus, print the summary, and open the workbench."""
    from conflictwire.samples import sample_files

    db = db or "sqlite:///conflictwire-demo.db"
    summary = run_ingest(sample_files(), _settings(db), label="demo")
    if no_serve or not sys.stdin.isatty():
        err.print(f"serve it with: conflictwire serve --db {db}")
        raise typer.Exit(1 if summary.rejected else 0)
    _serve(db, "127.0.0.1", port)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., help="gold file (YAML or JSONL, see docs/evaluation.md)"),
    db: Optional[str] = DbOption,
    report: Optional[Path] = typer.Option(None, help="write a report (.md or .html)"),
) -> None:
    """Score stored results against a gold file."""
    from conflictwire.evaluate import GoldError, run_evaluation

    try:
        run_evaluation(gold, db, report, out)
    except GoldError as exc:  # a broken gold file or missing shared data is the user's to fix: no traceback
        raise UsageProblem(str(exc)) from None


@places_app.command("import")
def places_import(
    files: list[Path] = typer.Argument(..., help="GeoNames dumps (IQ.zip, SY.txt, allCountries.zip), "
                                                 "alternateNamesV2(.zip), or CSV files (name,lat,lon,country,admin1,aliases)"),
) -> None:
    """Index places for later ingests: they are used ahead of the bundled towns."""
    from conflictwire.places_import import ImportProblem, import_files, user_places_path

    cache = Path(_settings(None).cache_dir)
    try:
        done = import_files(files, cache)
    except ImportProblem as exc:
        err.print(f"[red]error:[/red] {escape(_one_line(exc))}", highlight=False)
        raise typer.Exit(1)
    for path, what, count in done:  # one line per file however long its path (scripts grep these lines)
        out.print(f"{escape(str(path))}: {count} {what}", highlight=False, soft_wrap=True)
    out.print(f"indexed in {escape(str(user_places_path(cache)))}", highlight=False, soft_wrap=True)


@places_app.command("search")
def places_search(
    name: str = typer.Argument(..., help="a place name as a report writes it"),
    country: Optional[str] = typer.Option(None, "--country", help="context: a country the text names (ISO2 or name)"),
    knowledge: Optional[list[Path]] = KnowledgeOption,
) -> None:
    """What a name resolves to, and the candidates it was chosen from."""
    from conflictwire.gazetteer import gazetteer_for

    run = _settings(None, knowledge)
    with run.active():
        _search_places(gazetteer_for(run.knowledge, run.cache_dir), name, country)


def _search_places(gaz, name: str, country: Optional[str]) -> None:
    from conflictwire.gazetteer import GeoContext

    cc = None
    if country:
        cc = country.upper() if len(country) == 2 else gaz.country_code(country)
        if cc is None:
            raise UsageProblem(f"--country {country!r}: not a country name or ISO2 code")
    context = GeoContext(countries=(cc,) if cc else ())
    chosen = gaz.resolve(name, context)
    table = Table("", "place", "kind", "country", "admin1", "admin2", "lat", "lon", "prec", "match", "source")
    for row in sorted(gaz.candidates(name), key=gaz._rank_key):
        p = row.place
        mark = "->" if chosen is not None and p.place_id == chosen.place_id else ""
        table.add_row(mark, escape(p.name), p.kind, p.country_code, escape(p.admin1 or ""), escape(p.admin2 or ""),
                      f"{p.latitude:.4f}", f"{p.longitude:.4f}", str(p.geo_precision),
                      row.match if row.match == "exact" else f"spelling {row.score:.0f}", escape(p.source))
    out.print(table)
    if chosen is None:
        out.print("resolves to nothing: no candidate, or several far apart and nothing in the context to choose "
                  "(try --country)" if table.row_count else f"{escape(name)!r}: no place of that name is known")
    else:
        out.print(f"resolves to {escape(chosen.name)}, {escape(chosen.country)} ({escape(chosen.source)}); "
                  "ranked by: exact name before spelling match, prominent before obscure, towns before units "
                  "before facilities, source (curated, imported, GeoNames), population", highlight=False)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def _click_errors() -> tuple[type[BaseException], ...]:
    """Usage-error classes of click and of the click copy newer typer releases vendor (``typer._click``)."""
    import click

    found: list[type[BaseException]] = [click.exceptions.ClickException]
    try:
        from typer._click.exceptions import ClickException as VendoredClickException

        found.append(VendoredClickException)
    except ImportError:  # typer that uses click itself
        pass
    return tuple(found)


def _one_line(exc: BaseException) -> str:
    """An error message on one line (driver errors carry newlines and tabs)."""
    return " ".join(str(exc).split())


def _raised(exc: BaseException, module: str, name: str) -> bool:
    """Is ``exc`` a ``module.name``?  Looked up only if that module was imported: a module never
    imported cannot have raised, and importing spaCy or pandas just for an exception class would
    add a second to every command (``version``, usage errors)."""
    loaded = sys.modules.get(module)
    cls = getattr(loaded, name, None) if loaded is not None else None
    return cls is not None and isinstance(exc, cls)


def main() -> None:
    try:
        # standalone_mode=False returns the code of `raise typer.Exit(n)` instead of exiting
        code = app(standalone_mode=False)
    except UsageProblem as exc:
        err.print(f"[red]usage error:[/red] {escape(_one_line(exc))}", highlight=False)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted: documents already written are kept; re-run to continue")
        sys.exit(130)
    except BrokenPipeError:  # `conflictwire export … | head`
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # click usage errors arrive here in standalone_mode=False
        import click

        if _raised(exc, "conflictwire.export", "ExportError") or \
                _raised(exc, "conflictwire.pipeline.decisions", "DecisionError") or \
                _raised(exc, "conflictwire.knowledge", "KnowledgeError"):
            err.print(f"[red]usage error:[/red] {escape(_one_line(exc))}", highlight=False)
            sys.exit(2)
        if _raised(exc, "conflictwire.store.db", "StoreError") or \
                _raised(exc, "conflictwire.pipeline.annotate", "ModelMissing"):
            err.print(f"[red]error:[/red] {escape(_one_line(exc))}", highlight=False)
            sys.exit(1)
        if isinstance(exc, _click_errors()):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, OSError) and exc.filename:  # e.g. `export -o` into a missing folder
            err.print(f"[red]error:[/red] {escape(str(exc.filename))}: {escape(exc.strerror or _one_line(exc))}",
                      highlight=False)
            sys.exit(1)
        raise
    sys.exit(code if isinstance(code, int) else 0)


from conflictwire import cli_edit  # noqa: E402,F401  (registers `edit` and `decisions`)

if __name__ == "__main__":
    # `python -m conflictwire.cli`: run the imported module's app, where `edit` and `decisions` are registered
    from conflictwire.cli import main as _main

    _main()
