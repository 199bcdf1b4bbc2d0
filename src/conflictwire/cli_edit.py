"""`conflictwire edit …` and `conflictwire decisions …`: analysts' corrections from the command line.

Each correction is a decision stored with who, when and why, and applied again after every
re-ingest or re-merge (pipeline/decisions.py).  The same operations are in the JSON API.
"""

from __future__ import annotations

import getpass
import json
from typing import Optional

import typer
from rich.markup import escape

from conflictwire.cli import DbOption, UsageProblem, app, err, out, read_store

edit_app = typer.Typer(no_args_is_help=True, help="Correct events: merge, split, reject or set fields "
                                                  "(kept across re-runs; see `decisions`).")
decisions_app = typer.Typer(no_args_is_help=True, help="Analysts' decisions: list or undo.")
app.add_typer(edit_app, name="edit")
app.add_typer(decisions_app, name="decisions")

WhyOption = typer.Option(None, "--why", help="why: kept with the decision")
ByOption = typer.Option(None, "--by", help="who decides (default: your login name)")


def _who(by: Optional[str]) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _report(result: dict) -> None:
    decision = result["decision"]
    status = decision.get("status") or "recorded"
    err.print(f"decision {decision['decision_id']} ({decision['kind']}): {status}", highlight=False)
    for event_id in result["events"]:
        out.print(event_id, highlight=False)


@edit_app.command("merge")
def edit_merge(events: list[str] = typer.Argument(..., help="two or more event ids"),
               why: Optional[str] = WhyOption, by: Optional[str] = ByOption, db: Optional[str] = DbOption) -> None:
    """These events are one event."""
    from conflictwire.pipeline.decisions import merge_events

    _report(merge_events(read_store(db), events, why=why, author=_who(by)))


@edit_app.command("split")
def edit_split(event: str = typer.Argument(..., help="event id"),
               reports: list[str] = typer.Argument(..., help="the reports that are another event: mention ids, "
                                                              "or article ids for all of that article's reports"),
               why: Optional[str] = WhyOption, by: Optional[str] = ByOption, db: Optional[str] = DbOption) -> None:
    """The chosen reports of an event are an event of their own."""
    from conflictwire.pipeline.decisions import split_event

    _report(split_event(read_store(db), event, reports, why=why, author=_who(by)))


@edit_app.command("reject")
def edit_reject(event: str = typer.Argument(..., help="event id"),
                reason: str = typer.Option(..., "--reason", help="not an event, duplicate, wrong theatre, "
                                                                  "wrong date, background mention, hedged, other"),
                why: Optional[str] = WhyOption, by: Optional[str] = ByOption, db: Optional[str] = DbOption) -> None:
    """The event is not one to keep: its reports leave the dataset."""
    from conflictwire.pipeline.decisions import reject_event

    _report(reject_event(read_store(db), event, reason, why=why, author=_who(by)))


@edit_app.command("set")
def edit_set(
    event: str = typer.Argument(..., help="event id"),
    date_: Optional[str] = typer.Option(None, "--date", help="the day it happened, YYYY-MM-DD"),
    place: Optional[str] = typer.Option(None, "--place", help="a place name from the gazetteer"),
    point: Optional[str] = typer.Option(None, "--point", help="LAT,LON of the place (with --place-name)"),
    place_name: Optional[str] = typer.Option(None, "--place-name", help="name for a --point"),
    country: Optional[str] = typer.Option(None, "--country", help="ISO2 code for a --point"),
    actor1: Optional[str] = typer.Option(None, "--actor1", help="actor 1, any alias (\"\" clears)"),
    actor2: Optional[str] = typer.Option(None, "--actor2", help="actor 2, any alias (\"\" clears)"),
    sub_type: Optional[str] = typer.Option(None, "--type", help="ACLED sub-event type"),
    fatalities: Optional[int] = typer.Option(None, "--fatalities", min=0),
    injuries: Optional[int] = typer.Option(None, "--injuries", min=0),
    responsibility: Optional[str] = typer.Option(None, "--responsibility", help="actor held responsible"),
    why: Optional[str] = WhyOption, by: Optional[str] = ByOption, db: Optional[str] = DbOption,
) -> None:
    """Set or fix an event's date, place, actors, sub-type, toll or responsibility."""
    from conflictwire.pipeline.decisions import edit_event

    changes: dict = {}
    if date_ is not None:
        changes["event_date"] = date_
    if place and point:
        raise UsageProblem("give --place NAME or --point LAT,LON, not both")
    if place:
        changes["place"] = place
    if point:
        try:
            lat, lon = (float(x) for x in point.split(","))
        except ValueError:
            raise UsageProblem(f"--point {point!r}: give LAT,LON, e.g. 33.31,44.36") from None
        changes["place"] = {"latitude": lat, "longitude": lon, "name": place_name, "country_code": country}
    for key, value in (("actor1", actor1), ("actor2", actor2), ("sub_event_type", sub_type),
                       ("fatalities", fatalities), ("injuries", injuries), ("responsibility", responsibility)):
        if value is not None:
            changes[key] = value
    _report(edit_event(read_store(db), event, changes, why=why, author=_who(by)))


@decisions_app.command("list")
def decisions_list(db: Optional[str] = DbOption,
                   all_: bool = typer.Option(False, "--all", help="also the undone ones"),
                   as_json: bool = typer.Option(False, "--json", help="one JSON record a line")) -> None:
    """Decisions in the order they apply, with whether each still applies."""
    from conflictwire.store import decisions as stored

    rows = stored.listed(read_store(db), include_undone=all_)
    if not rows:
        err.print("no decisions")
    for row in rows:
        if as_json:
            print(json.dumps(row, ensure_ascii=False, sort_keys=True))
            continue
        state = "undone" if row["undone_at"] else (row["status"] or "recorded")
        detail = (row["fields"] or {}).get("reason") if row["kind"] == "reject" else row["fields"]
        line = "\t".join(str(x) for x in (row["decision_id"], row["created_at"], row["author"] or "", row["kind"],
                                          state, len(row["mentions"]), json.dumps(detail, ensure_ascii=False)
                                          if detail else "", row["why"] or "", row["status_detail"] or ""))
        print(" ".join(line.split(" ")).replace("\n", " "))


@decisions_app.command("undo")
def decisions_undo(decision_id: str, by: Optional[str] = ByOption, db: Optional[str] = DbOption) -> None:
    """Undo a decision (kept in the record as undone); the events are recomputed without it."""
    from conflictwire.pipeline.decisions import undo_decision

    row = undo_decision(read_store(db), decision_id, author=_who(by))
    err.print(f"undone: {escape(row.get('decision_id', decision_id))} ({row.get('kind')})", highlight=False)
