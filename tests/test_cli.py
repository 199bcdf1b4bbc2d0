"""The command line as a user meets it: exit codes, one clear line per mistake, never a traceback.

Every test runs the installed ``conflictwire`` script in a subprocess, exactly as a shell would.
Exit codes (cli.py): 0 success, 1 some inputs rejected or the database unusable, 2 usage error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conflictwire.store.db import Store

CLI = str(Path(sys.executable).with_name("conflictwire"))
REPORT = ("BAGHDAD, March 3, 2024 - A drone strike hit a car in eastern Baghdad on Sunday, "
          "killing two members of Kataib Hezbollah, two security officials said.\n")


def run(*args: str, cwd: Path | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "80", "HOME": str(cwd or "/tmp")}
    if os.environ.get("PYTHONPATH"):  # a work tree testing its own src/ with a shared venv
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    result = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cw.db'}"


def test_nonexistent_path_is_rejected_with_exit_1(tmp_path, db):
    result = run("ingest", str(tmp_path / "nowhere.txt"), "--db", db)
    assert result.returncode == 1
    assert f"error: {tmp_path / 'nowhere.txt'}: no such file or folder" in result.stderr
    assert "1 input(s) rejected" in result.stderr


def test_good_input_exits_0_and_a_rejected_one_exits_1(tmp_path, db):
    good = tmp_path / "good.txt"
    good.write_text(REPORT)
    assert run("ingest", str(good), "--db", db).returncode == 0
    (tmp_path / "empty.txt").write_text("")
    mixed = run("ingest", str(good), str(tmp_path / "empty.txt"), "--db", db)
    assert mixed.returncode == 1
    assert "1 new" not in mixed.stdout and "0 new, 1 unchanged" in mixed.stdout


@pytest.mark.parametrize("args, code, message", [
    (["--published", "2024-13-45"], 2, "usage error: --published '2024-13-45' is not a date: use YYYY-MM-DD"),
    (["--published", "[/red]"], 2, "usage error: --published '[/red]' is not a date"),
    (["--workers", "0"], 2, "Invalid value for '--workers'"),
    (["--executor", "spark"], 2, "usage error: --executor 'spark': choose local or dask"),
    (["--max-file-mb", "lots"], 2, "Invalid value for '--max-file-mb'"),
    (["--knowledge", "/no/such/folder"], 2, "usage error: --knowledge /no/such/folder: no such folder"),
])
def test_bad_ingest_options_are_usage_errors(tmp_path, db, args, code, message):
    result = run("ingest", str(tmp_path), "--db", db, *args)
    assert result.returncode == code
    assert message in result.stderr


@pytest.mark.parametrize("url, message", [
    ("foo://bar", "error: cannot use database URL 'foo://bar'"),
    ("sqlite:////no/such/folder/cw.db", "error: cannot open database sqlite:////no/such/folder/cw.db"),
    ("postgresql://nobody@127.0.0.1:1/none", "error: cannot open database postgresql+psycopg://"),
])
def test_bad_database_url_is_one_line_exit_1(tmp_path, url, message):
    result = run("ingest", str(tmp_path), "--db", url)
    assert result.returncode == 1
    (line,) = error_lines(result)  # driver messages with newlines are folded onto one line
    assert line.startswith(message)


def test_a_plain_file_path_as_db_is_a_sqlite_file(tmp_path):
    """Analysts type --db events.db, not a SQLAlchemy URL: the path is the SQLite file."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.txt").write_text(
        "Gunmen killed three policemen in an attack on a checkpoint in Kirkuk on Monday, police said.\n")
    path = tmp_path / "events.db"
    ingest = run("ingest", str(tmp_path / "in"), "--db", str(path), "--published", "2024-03-06")
    assert ingest.returncode == 0, ingest.stderr
    assert path.is_file()
    exported = run("export", "events", "--format", "jsonl", "--db", str(path))
    assert exported.returncode == 0, exported.stderr
    assert [json.loads(line)["fatalities"] for line in exported.stdout.splitlines()] == [3]


@pytest.mark.parametrize("args, message", [
    (["events", "--format", "xml"], "usage error: unknown format 'xml': choose one of"),
    (["battles"], "usage error: unknown kind 'battles'"),
    (["tallies", "--format", "geojson"], "usage error: format 'geojson' is not available for tallies"),
    (["events", "--from", "2024-99"], "usage error: --from '2024-99' is not a date"),
])
def test_bad_export_requests_are_usage_errors(db, args, message):
    result = run("export", *args, "--db", db)
    assert result.returncode == 2
    (line,) = error_lines(result)
    assert line.startswith(message)


def test_export_into_a_missing_folder_is_one_line(tmp_path, db):
    Store(db).dispose()
    result = run("export", "events", "-o", str(tmp_path / "no" / "events.jsonl"), "--db", db)
    assert result.returncode == 1
    (line,) = error_lines(result)
    assert line.startswith(f"error: {tmp_path / 'no' / 'events.jsonl'}") and "No such file" in line


def test_unknown_command_and_missing_argument_are_usage_errors(db):
    unknown = run("frobnicate")
    assert unknown.returncode == 2 and "No such command 'frobnicate'" in unknown.stderr
    missing = run("ingest", "--db", db)
    assert missing.returncode == 2 and "Missing argument" in missing.stderr


def test_file_names_that_look_like_markup_are_printed_verbatim(tmp_path, db):
    odd = tmp_path / "in" / "[bold]report[i].pdf"  # rich would eat "[bold]"
    odd.parent.mkdir()
    odd.write_bytes(b"%PDF-1.4\n")
    result = run("ingest", str(odd.parent), "--db", db)
    assert result.returncode == 0  # an unsupported type inside a folder is only a warning
    assert f"warning: {odd}: skipped: unsupported file type" in result.stderr
    listed = run("warnings", "--db", db)
    assert f"warning\tread\t{odd}\tskipped: unsupported file type" in listed.stdout


def test_warnings_on_an_empty_database_says_so(db):
    Store(db).dispose()
    result = run("warnings", "--db", db)
    assert result.returncode == 0 and result.stderr.strip() == "no warnings"


@pytest.mark.parametrize("command", [["export", "events"], ["warnings"], ["review", "list"], ["serve"], ["actors"],
                                     ["decisions", "list"], ["edit", "reject", "abc", "--reason", "x"]])
def test_read_commands_refuse_a_sqlite_file_that_does_not_exist(tmp_path, command):
    missing = tmp_path / "elsewhere" / "analyst.db"
    result = run(*command, "--db", f"sqlite:///{missing}", cwd=tmp_path)
    assert result.returncode == 2
    (line,) = error_lines(result)
    assert line.startswith(f"usage error: no database at {missing}")
    assert not missing.exists() and not missing.parent.exists()


def test_merge_rebuild_recomputes_the_same_events_and_says_how_many(tmp_path, db):
    page = tmp_path / "report.txt"
    page.write_text(REPORT)
    assert run("ingest", str(page), "--db", db).returncode == 0
    before = run("export", "events", "--format", "jsonl", "--db", db).stdout
    rebuilt = run("merge", "--rebuild", "--db", db)
    assert rebuilt.returncode == 0 and "recomputed 1 country block in" in rebuilt.stderr
    assert run("export", "events", "--format", "jsonl", "--db", db).stdout == before
    nothing = run("merge", "--db", db)  # nothing new: nothing merged
    assert nothing.returncode == 0 and "merged 0 country blocks" in nothing.stderr


def test_merge_into_a_missing_database_is_a_usage_error(tmp_path):
    result = run("merge", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert result.returncode == 2 and "no database at" in result.stderr


def test_a_broken_gold_file_is_a_usage_error_naming_its_line(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text("version: 1\nname: mine\ndocuments:\n  - id: one\n    path: report.txt\n"
                    "    events:\n      - sub_event_type: Airstrike\n        anchor: drone strike\n",
                    encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    result = run("evaluate", str(gold), cwd=tmp_path)
    assert result.returncode == 2
    assert "gold.yaml:" in result.stderr and "Airstrike" in result.stderr
