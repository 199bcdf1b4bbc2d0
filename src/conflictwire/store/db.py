"""The store: one place where records are written and read, on SQLite or PostgreSQL.

Guarantees:
- one transaction per document: a crash never leaves half a document;
- a document whose content hash is already stored is skipped (re-ingesting changes nothing);
- the schema is created and upgraded by Alembic on open.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import and_, create_engine, delete, event, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError

from conflictwire import __version__
from conflictwire.models import DocumentResult, ReadProblem, stable_id, to_plain
from conflictwire.store import schema as t
from conflictwire.store.merge_store import actor_entries, count_actors, mention_columns

DEFAULT_DB = "sqlite:///conflictwire.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MERGE_LOCK_KEY = 0x63770001  # PostgreSQL advisory lock ids: held while merging ("cw" + 1) …
MIGRATE_LOCK_KEY = 0x63770002  # … and while creating or upgrading the schema


class StoreError(RuntimeError):
    """The database cannot be opened or used (bad URL, server down, not writable)."""


def resolve_url(url: str | None) -> str:
    """--db, else $CONFLICTWIRE_DB, else conflictwire.db in the working directory.

    A plain file path (no ``scheme://``) is a SQLite file, as analysts type it: ``--db events.db``.
    """
    url = url or os.environ.get("CONFLICTWIRE_DB") or DEFAULT_DB
    if "://" not in url:
        url = "sqlite:///" + str(Path(url).expanduser())
    if url.startswith("postgresql://"):
        # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2.
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class EventFilter:
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None  # ISO2 code or country name
    admin1: str | None = None
    # the spellings to match (any one): the caller resolves aliases (pipeline.actors.actor_names)
    actor: str | Sequence[str] | None = None
    event_type: str | None = None  # ACLED event type or sub-event type
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat


class Store:
    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_url(url)
        try:
            self.engine: Engine = create_engine(self.url, future=True, pool_pre_ping=True)
        except (ArgumentError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot use database URL {self.url!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            self.migrate()

    # ------------------------------------------------------------------ schema

    def migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as connection:
                if self.engine.dialect.name == "postgresql":
                    # Processes opening a fresh database at once: one migrates, the others wait.
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK_KEY})
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except OperationalError as exc:
            raise StoreError(f"cannot open database {self.url}: {exc.orig}") from None

    def dispose(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ runs

    def start_run(self, command_line: str) -> str:
        # the nonce keeps two runs started in the same second by one process (API uploads) apart
        run_id = stable_id("run", _now(), os.getpid(), command_line, uuid.uuid4().hex)
        with self.engine.begin() as c:
            c.execute(insert(t.runs).values(run_id=run_id, started_at=_now(), command=command_line,
                                            version=__version__))
        return run_id

    def finish_run(self, run_id: str, *, new: int, skipped: int, problems: int) -> None:
        with self.engine.begin() as c:
            c.execute(update(t.runs).where(t.runs.c.run_id == run_id).values(
                finished_at=_now(), documents_new=new, documents_skipped=skipped, problems=problems))

    # ------------------------------------------------------------------ ingest

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        return set(self.documents_by_content_hash(hashes))

    def documents_by_content_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        """Content hash -> path of the stored document, for those of ``hashes`` the store holds."""
        wanted = sorted(set(hashes))
        if not wanted:
            return {}
        with self.engine.connect() as c:
            rows = c.execute(select(t.documents.c.content_hash, t.documents.c.path)
                             .where(t.documents.c.content_hash.in_(wanted)))
            return {r[0]: r[1] for r in rows}

    def write_document(self, result: DocumentResult, run_id: str) -> bool:
        """Write a document and everything found in it in one transaction.

        Returns False (and writes nothing) when the same content is already stored,
        e.g. written meanwhile by another process.
        """
        try:
            with self.engine.begin() as c:
                if c.execute(select(t.documents.c.document_id).where(
                        t.documents.c.content_hash == result.document.content_hash)).first():
                    return False
                self._insert_document(c, result, run_id)
        except IntegrityError:
            return False  # a concurrent ingest stored the same content first
        return True

    def _insert_document(self, c: Connection, result: DocumentResult, run_id: str) -> None:
        # Rows are collected per table and sent with one executemany each: a document's
        # dozens of mentions, statements and warnings cost a few round trips, not dozens.
        doc = result.document
        rows: dict[Any, list[dict[str, Any]]] = {table: [] for table in (
            t.documents, t.articles, t.mentions, t.statements, t.tallies, t.warnings)}
        rows[t.documents].append(dict(
            document_id=doc.document_id, content_hash=doc.content_hash, path=doc.path,
            media_type=doc.media_type, encoding=doc.encoding, meta=to_plain(doc.meta),
            content=doc.content, run_id=run_id))
        for message in result.warnings:
            rows[t.warnings].append(dict(run_id=run_id, path=doc.path, document_id=doc.document_id, article_id=None,
                                         stage="document", severity="warning", message=message))
        for article in result.articles:
            record = article.to_record()
            rows[t.articles].append(dict(
                article_id=article.article_id, document_id=doc.document_id, idx=article.index,
                title=article.title, outlet=article.outlet, authors=list(article.authors), url=article.url,
                published=record["published"], published_source=article.published_source,
                published_raw=article.published_raw, language=article.language, text=article.text,
                warnings=list(article.warnings)))
            for message in article.warnings:
                rows[t.warnings].append(dict(
                    run_id=run_id, path=doc.path, document_id=doc.document_id, article_id=article.article_id,
                    stage="article", severity="info", message=message))
        for extraction in result.extractions:
            self._extraction_rows(rows, extraction, doc.path, run_id)
        for table, table_rows in rows.items():  # parents before children (foreign keys)
            if table_rows:
                c.execute(insert(table), table_rows)

    def _extraction_rows(self, rows: dict[Any, list[dict[str, Any]]], extraction: Any, path: str,
                         run_id: str) -> None:
        article = extraction.article
        seen_mentions: set[str] = set()
        for mention in extraction.mentions:
            if mention.mention_id in seen_mentions:
                continue
            seen_mentions.add(mention.mention_id)
            payload = to_plain(mention)
            rows[t.mentions].append(dict(
                mention_id=mention.mention_id, article_id=article.article_id, document_id=article.document_id,
                event_date=mention.date.start.isoformat(), time_precision=mention.date.precision,
                sub_event_type=mention.sub_event_type,
                country_code=mention.place.country_code if mention.place else None,
                merged=False, payload=payload, **mention_columns(payload)))
        for st in {s.statement_id: s for s in extraction.statements}.values():
            rows[t.statements].append(dict(
                statement_id=st.statement_id, article_id=article.article_id,
                date=st.date.start.isoformat(), time_precision=st.date.precision, speaker=st.speaker,
                speaker_actor=st.speaker_actor, plover_event=st.plover_event, plover_mode=st.plover_mode,
                target_actor=st.target_actor, country=st.country, quote=st.quote.text,
                start=st.quote.start, end=st.quote.end, confidence=st.confidence))
        for tally in {x.tally_id: x for x in extraction.tallies}.values():
            rows[t.tallies].append(dict(
                tally_id=tally.tally_id, article_id=article.article_id, count=tally.count,
                qualifier=tally.qualifier, what=tally.what, actor=tally.actor, target=tally.target,
                place=tally.place, period_from=_iso(tally.period_from), period_to=_iso(tally.period_to),
                as_of=_iso(tally.as_of), claimant=tally.claimant, parent_id=tally.parent_id,
                quote=tally.quote.text, start=tally.quote.start, end=tally.quote.end))
        for message in extraction.warnings:
            rows[t.warnings].append(dict(
                run_id=run_id, path=path, document_id=article.document_id, article_id=article.article_id,
                stage="extract", severity="info", message=message))

    def record_problem(self, run_id: str, problem: ReadProblem) -> None:
        with self.engine.begin() as c:
            c.execute(insert(t.warnings).values(run_id=run_id, path=problem.path, stage="read",
                                                severity=problem.severity, message=problem.message))

    # ------------------------------------------------------------------ merge support

    def unmerged_countries(self) -> list[str | None]:
        with self.engine.connect() as c:
            rows = c.execute(select(t.mentions.c.country_code).where(t.mentions.c.merged.is_(False))
                             .distinct())
            return sorted((r[0] for r in rows), key=lambda cc: cc or "")

    def all_countries(self) -> list[str | None]:
        with self.engine.connect() as c:
            rows = c.execute(select(t.mentions.c.country_code).distinct())
            return sorted((r[0] for r in rows), key=lambda cc: cc or "")

    def mentions_in(self, country_code: str | None) -> list[dict[str, Any]]:
        """Every mention of one country block, with its article's outlet and publication date."""
        cc = t.mentions.c.country_code
        where = cc.is_(None) if country_code is None else cc == country_code
        query = (select(t.mentions.c.payload, t.articles.c.outlet, t.articles.c.published,
                        t.articles.c.document_id, t.documents.c.path)
                 .join(t.articles, t.articles.c.article_id == t.mentions.c.article_id)
                 .join(t.documents, t.documents.c.document_id == t.articles.c.document_id)
                 .where(where).order_by(t.mentions.c.mention_id))
        with self.engine.connect() as c:
            out = []
            for payload, outlet, published, document_id, path in c.execute(query):
                payload = dict(payload)
                payload["_outlet"], payload["_published"] = outlet, published
                payload["_document"], payload["_path"] = document_id, path
                out.append(payload)
            return out

    def decisions(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            return [dict(r._mapping) for r in c.execute(select(t.merge_decisions))]

    def add_decision(self, mention_a: str, mention_b: str, decision: str, note: str | None = None) -> None:
        a, b = sorted((mention_a, mention_b))
        with self.engine.begin() as c:
            c.execute(delete(t.merge_decisions).where(and_(t.merge_decisions.c.mention_a == a,
                                                           t.merge_decisions.c.mention_b == b)))
            c.execute(insert(t.merge_decisions).values(mention_a=a, mention_b=b, decision=decision,
                                                       decided_at=_now(), note=note))
            # the block must be merged again for the decision to take effect
            c.execute(update(t.mentions).where(t.mentions.c.mention_id.in_([a, b])).values(merged=False))

    @contextmanager
    def merge_lock(self) -> Iterator[None]:
        """Serialise merges across processes sharing one database.

        On PostgreSQL a session advisory lock, so two concurrent ingests never
        interleave reading a block and replacing its events.  SQLite gets no lock
        here: concurrent ingests into one SQLite file are not supported.
        """
        if self.engine.dialect.name != "postgresql":
            yield
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MERGE_LOCK_KEY})
            try:
                yield
            finally:
                c.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MERGE_LOCK_KEY})

    def replace_block(self, country_code: str | None, events: list[dict[str, Any]],
                      pairs: list[dict[str, Any]], items: list[dict[str, Any]] | None = None,
                      new_mentions: list[dict[str, Any]] | None = None) -> None:
        """Swap one country block's events (and the review items behind its pairs) for a freshly
        merged set, atomically; the actors of ``new_mentions`` are counted in the same transaction."""
        with self.engine.begin() as c:
            count_actors(c, new_mentions or [])
            ic = t.merge_items.c.country_code
            c.execute(delete(t.merge_items).where(ic.is_(None) if country_code is None else ic == country_code))
            for chunk in _chunks(items or [], 1000):
                c.execute(insert(t.merge_items), chunk)
            cc = t.events.c.country_code
            old_ids = select(t.events.c.event_id).where(cc.is_(None) if country_code is None else cc == country_code)
            old = [r[0] for r in c.execute(old_ids)]
            for chunk in _chunks(old, 500):
                c.execute(delete(t.event_sources).where(t.event_sources.c.event_id.in_(chunk)))
                c.execute(delete(t.claims).where(t.claims.c.event_id.in_(chunk)))
                c.execute(delete(t.events).where(t.events.c.event_id.in_(chunk)))
            pc = t.possible_duplicates.c.country_code
            c.execute(delete(t.possible_duplicates).where(pc.is_(None) if country_code is None else pc == country_code))
            # Many rows per statement (executemany): a block can hold tens of thousands of events.
            event_rows: list[dict[str, Any]] = []
            source_rows: list[dict[str, Any]] = []
            claim_rows: list[dict[str, Any]] = []
            for record in events:
                _event_rows(record, event_rows, source_rows, claim_rows)
            for table, rows in ((t.events, event_rows), (t.event_sources, source_rows), (t.claims, claim_rows)):
                for chunk in _chunks(rows, 1000):
                    c.execute(insert(table), chunk)
            if pairs:
                c.execute(insert(t.possible_duplicates), pairs)
            # Only the mentions these events were built from: a mention another process
            # committed meanwhile stays unmerged, so its own merge picks it up.
            merged_ids = sorted({s["mention_id"] for record in events for s in record["sources"]
                                 if s.get("mention_id")})
            for chunk in _chunks(merged_ids, 500):
                c.execute(update(t.mentions).where(t.mentions.c.mention_id.in_(chunk)).values(merged=True))

    # ------------------------------------------------------------------ queries

    def counts(self) -> dict[str, int]:
        tables = {"documents": t.documents, "articles": t.articles, "events": t.events,
                  "mentions": t.mentions, "statements": t.statements, "tallies": t.tallies,
                  "warnings": t.warnings, "possible_duplicates": t.possible_duplicates}
        visible = {"events": t.events.c.superseded_by.is_(None)}
        with self.engine.connect() as c:
            return {name: c.execute(select(func.count()).select_from(table)
                                    .where(*([visible[name]] if name in visible else []))).scalar_one()
                    for name, table in tables.items()}

    def event_conditions(self, f: EventFilter) -> list[Any]:
        e = t.events.c
        conditions: list[Any] = [e.superseded_by.is_(None)]  # an analyst's event replaced the machine's
        if f.date_from:
            conditions.append(e.event_date >= f.date_from)
        if f.date_to:
            conditions.append(e.event_date <= f.date_to)
        if f.country:
            value = f.country.strip()
            conditions.append(e.country_code == value.upper() if len(value) == 2
                              else func.lower(e.country) == value.lower())
        if f.admin1:
            conditions.append(func.lower(e.admin1) == f.admin1.lower())
        if f.event_type:
            value = f.event_type.lower()
            conditions.append(or_(func.lower(e.sub_event_type) == value, func.lower(e.event_type) == value))
        if f.actor:
            names = _names(f.actor)
            conditions.append(or_(*[or_(func.lower(e.actor1) == n, func.lower(e.actor2) == n,
                                        func.lower(e.assoc_actor_1).contains(n, autoescape=True),
                                        func.lower(e.assoc_actor_2).contains(n, autoescape=True)) for n in names]))
        if f.text:
            conditions.append(e.search_text.contains(f.text.lower(), autoescape=True))  # % and _ are literal
        if f.bbox:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            conditions += [e.longitude >= min_lon, e.longitude <= max_lon,
                           e.latitude >= min_lat, e.latitude <= max_lat]
        return conditions

    def iter_events(self, f: EventFilter | None = None, *, limit: int | None = None, offset: int = 0,
                    sort: str = "event_date", descending: bool = False) -> Iterator[dict[str, Any]]:
        """Events as contract records, streamed (constant memory for exports)."""
        f = f or EventFilter()
        column = getattr(t.events.c, sort)
        order = [column.desc() if descending else column.asc(), t.events.c.event_id.asc()]
        query = select(t.events).where(*self.event_conditions(f)).order_by(*order).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as c:
            result = c.execution_options(stream_results=True, yield_per=500).execute(query)
            for row in result:
                yield event_record(row._mapping)

    def count_events(self, f: EventFilter | None = None) -> int:
        f = f or EventFilter()
        with self.engine.connect() as c:
            return c.execute(select(func.count()).select_from(t.events)
                             .where(*self.event_conditions(f))).scalar_one()

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            row = c.execute(select(t.events).where(t.events.c.event_id == event_id)).first()
            if row is None:
                return None
            record = event_record(row._mapping)
            record["merge_reasons"] = row._mapping["merge_reasons"] or []
            record["superseded_by"] = row._mapping["superseded_by"]
            return record

    def iter_articles(self, *, date_from: str | None = None, date_to: str | None = None,
                      limit: int | None = None, offset: int = 0) -> Iterator[dict[str, Any]]:
        a = t.articles.c
        query = (select(t.articles, t.documents.c.path).join(t.documents, t.documents.c.document_id == a.document_id)
                 .order_by(a.published, a.article_id).offset(offset).limit(limit))
        if date_from:
            query = query.where(a.published >= date_from)
        if date_to:
            query = query.where(a.published <= date_to)
        with self.engine.connect() as c:
            for row in c.execution_options(stream_results=True, yield_per=200).execute(query):
                yield article_record(row._mapping)

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        a = t.articles.c
        with self.engine.connect() as c:
            row = c.execute(select(t.articles, t.documents.c.path)
                            .join(t.documents, t.documents.c.document_id == a.document_id)
                            .where(a.article_id == article_id)).first()
            return article_record(row._mapping) if row else None

    def iter_statements(self, *, limit: int | None = None, offset: int = 0, **filters: Any
                        ) -> Iterator[dict[str, Any]]:
        """Statements in date order; filters as ``statement_conditions``."""
        s = t.statements.c
        yield from self._iter_sourced(t.statements, s.date, self._statement_conditions(**filters), statement_record,
                                      limit, offset)

    def count_statements(self, **filters: Any) -> int:
        """How many statements ``iter_statements`` would give without a limit."""
        return self._count(t.statements, self._statement_conditions(**filters))

    @staticmethod
    def _statement_conditions(*, date_from: str | None = None, date_to: str | None = None,
                              actor: str | Sequence[str] | None = None, country: str | None = None,
                              text: str | None = None) -> list[Any]:
        """``actor`` (a spelling or several) matches speaker, speaker actor or target,
        ``country`` a name or ISO2 code, ``text`` words in the quote."""
        s = t.statements.c
        conditions = _date_conditions(s.date, date_from, date_to)
        if actor:
            conditions.append(_any_contains((s.speaker, s.speaker_actor, s.target_actor), _names(actor)))
        if country:
            conditions.append(func.lower(s.country).in_(_country_names(country)))
        if text:
            conditions.append(_any_contains((s.quote,), [text.strip().lower()]))
        return conditions

    def iter_tallies(self, *, limit: int | None = None, offset: int = 0, **filters: Any
                     ) -> Iterator[dict[str, Any]]:
        """Tallies in ``as_of`` order; filters as ``tally_conditions``."""
        yield from self._iter_sourced(t.tallies, t.tallies.c.as_of, self._tally_conditions(**filters), tally_record,
                                      limit, offset)

    def count_tallies(self, **filters: Any) -> int:
        """How many tallies ``iter_tallies`` would give without a limit."""
        return self._count(t.tallies, self._tally_conditions(**filters))

    @staticmethod
    def _tally_conditions(*, date_from: str | None = None, date_to: str | None = None,
                          actor: str | Sequence[str] | None = None, text: str | None = None) -> list[Any]:
        """``actor`` (a spelling or several) matches actor, target or claimant, ``text`` the quote or what was counted."""
        ty = t.tallies.c
        conditions = _date_conditions(ty.as_of, date_from, date_to)
        if actor:
            conditions.append(_any_contains((ty.actor, ty.target, ty.claimant), _names(actor)))
        if text:
            conditions.append(_any_contains((ty.quote, ty.what), [text.strip().lower()]))
        return conditions

    def _count(self, table: Any, conditions: list[Any]) -> int:
        with self.engine.connect() as c:
            return int(c.execute(select(func.count()).select_from(table).where(*conditions)).scalar() or 0)

    def _iter_sourced(self, table: Any, date_column: Any, conditions: list[Any], build: Any,
                      limit: int | None = None, offset: int = 0) -> Iterator[dict[str, Any]]:
        a = t.articles.c
        query = (select(table, a.outlet, a.published, a.document_id, t.documents.c.path)
                 .join(t.articles, a.article_id == table.c.article_id)
                 .join(t.documents, t.documents.c.document_id == a.document_id)
                 .where(*conditions)
                 .order_by(date_column, table.c[table.primary_key.columns.keys()[0]])
                 .offset(offset))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as c:
            for row in c.execution_options(stream_results=True, yield_per=500).execute(query):
                yield build(row._mapping)

    def warnings(self, *, run_id: str | None = None, latest_run: bool = False) -> list[dict[str, Any]]:
        w = t.warnings.c
        query = select(t.warnings).order_by(w.warning_id)
        with self.engine.connect() as c:
            if latest_run:
                run_id = c.execute(select(t.runs.c.run_id).order_by(t.runs.c.started_at.desc()).limit(1)).scalar()
            if run_id:
                query = query.where(w.run_id == run_id)
            return [dict(r._mapping) for r in c.execute(query)]

    def actors(self, *, unknown_only: bool = False) -> list[dict[str, Any]]:
        query = (select(*[c for c in t.actors.c if c.name != "example_mention"])
                 .order_by(t.actors.c.mentions.desc(), t.actors.c.name))
        if unknown_only:
            query = query.where(t.actors.c.known.is_(False))
        with self.engine.connect() as c:
            return [dict(r._mapping) for r in c.execute(query)]

    def article_extractions(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        """What each stage took from one article, with offsets: for highlighting in the workbench."""
        with self.engine.connect() as c:
            event_ids = [r[0] for r in c.execute(select(t.event_sources.c.event_id).join(
                t.events, t.events.c.event_id == t.event_sources.c.event_id).where(
                t.event_sources.c.article_id == article_id, t.events.c.superseded_by.is_(None)).distinct())]
            events = [event_record(r._mapping) for r in c.execute(
                select(t.events).where(t.events.c.event_id.in_(event_ids)).order_by(t.events.c.event_id))]
            statement_rows = c.execute(select(t.statements).where(t.statements.c.article_id == article_id)
                                       .order_by(t.statements.c.start))
            tally_rows = c.execute(select(t.tallies).where(t.tallies.c.article_id == article_id)
                                   .order_by(t.tallies.c.start))
            statements_out = [dict(r._mapping) for r in statement_rows]
            tallies_out = [dict(r._mapping) for r in tally_rows]
        spans: list[dict[str, Any]] = []
        for e in events:
            for src in e["sources"]:
                if src["article_id"] == article_id:
                    spans.append({"kind": "event", "id": e["event_id"], "start": src["start"], "end": src["end"],
                                  "label": f"{e['sub_event_type']} — {e['location']}"})
            for claim in e["claims"]:
                if claim.get("article_id") == article_id and claim.get("start") is not None:
                    spans.append({"kind": "claim", "id": e["event_id"], "start": claim["start"],
                                  "end": claim["end"], "label": f"{claim.get('claimant') or 'outlet'}: "
                                  f"{claim.get('killed')} killed"})
        for st in statements_out:
            spans.append({"kind": "statement", "id": st["statement_id"], "start": st["start"], "end": st["end"],
                          "label": f"{st['plover_event']} by {st['speaker']}"})
        for ta in tallies_out:
            spans.append({"kind": "tally", "id": ta["tally_id"], "start": ta["start"], "end": ta["end"],
                          "label": f"{ta['qualifier'] or ''} {ta['count']} {ta['what']}".strip()})
        spans.sort(key=lambda s: (s["start"], -s["end"], s["kind"]))
        return {"events": events, "spans": spans}

    def stats(self, f: EventFilter, *, by: str = "day") -> dict[str, Any]:
        """Aggregates for the timeline and charts, computed in the database."""
        e = t.events.c
        conditions = self.event_conditions(f)
        with self.engine.connect() as c:
            per_day = c.execute(select(e.event_date, e.event_type, func.count(), func.sum(e.fatalities))
                                .where(*conditions).group_by(e.event_date, e.event_type)
                                .order_by(e.event_date, e.event_type)).all()
            by_type = c.execute(select(e.sub_event_type, func.count()).where(*conditions)
                                .group_by(e.sub_event_type).order_by(func.count().desc(), e.sub_event_type)).all()
            by_country = c.execute(select(e.country, func.count()).where(*conditions)
                                   .group_by(e.country).order_by(func.count().desc(), e.country)).all()
            by_actor = c.execute(select(e.actor1, func.count()).where(*conditions, e.actor1.is_not(None))
                                 .group_by(e.actor1).order_by(func.count().desc(), e.actor1).limit(25)).all()
            total = c.execute(select(func.count(), func.sum(e.fatalities)).where(*conditions)).one()
        series: dict[tuple[str, str], dict[str, Any]] = {}
        for day, etype, count, dead in per_day:
            key = (_bucket(day, by), etype)
            entry = series.setdefault(key, {"period": key[0], "event_type": etype, "events": 0, "fatalities": 0})
            entry["events"] += count
            entry["fatalities"] += dead or 0
        return {"total": total[0], "fatalities": total[1] or 0, "by": by,
                "timeline": [series[k] for k in sorted(series)],
                "by_type": [{"sub_event_type": k, "events": n} for k, n in by_type],
                "by_country": [{"country": k, "events": n} for k, n in by_country],
                "by_actor": [{"actor": k, "events": n} for k, n in by_actor]}

    def tolls_by_source(self, f: EventFilter, *, limit: int = 20) -> list[dict[str, Any]]:
        """For the filtered events, what each outlet reported: events with a figure from it, the deaths
        it claimed (summed over its claims), and the deaths the dataset records for those events."""
        e, c = t.events.c, t.claims.c
        outlet = func.coalesce(c.source_outlet, "unknown outlet")
        per_event = (select(outlet.label("outlet"), c.event_id, func.max(c.killed).label("claimed"))
                     .join(t.events, e.event_id == c.event_id).where(*self.event_conditions(f), c.killed.is_not(None))
                     .group_by(outlet, c.event_id).subquery())
        recorded = select(e.fatalities).where(e.event_id == per_event.c.event_id).scalar_subquery()
        query = (select(per_event.c.outlet, func.count(), func.sum(per_event.c.claimed), func.sum(recorded))
                 .group_by(per_event.c.outlet).order_by(func.sum(per_event.c.claimed).desc(), per_event.c.outlet)
                 .limit(limit))
        with self.engine.connect() as conn:
            return [{"outlet": o, "events": n, "claimed_killed": int(k or 0), "recorded_fatalities": int(r or 0)}
                    for o, n, k, r in conn.execute(query)]

    def refresh_actors(self) -> None:
        """Rebuild the actor list from every stored mention (``merge --rebuild``; an ordinary
        merge counts only the mentions it merges: merge_store.count_actors).

        Derived after ingest rather than counted during it, so concurrent ingest
        processes never contend on the same actor row.
        """
        with self.engine.connect() as c:
            rows = c.execution_options(stream_results=True, yield_per=1000).execute(
                select(t.mentions.c.payload).order_by(t.mentions.c.mention_id))
            counts = actor_entries(payload for (payload,) in rows)
        with self.engine.begin() as c:
            c.execute(delete(t.actors))
            if counts:
                c.execute(insert(t.actors), [counts[k] for k in sorted(counts)])

    def possible_duplicates(self) -> list[dict[str, Any]]:
        """Pairs for review, except those whose events an analyst already curated."""
        shown = select(t.events.c.event_id).where(t.events.c.superseded_by.is_(None))
        p = t.possible_duplicates.c
        with self.engine.connect() as c:
            rows = c.execute(select(t.possible_duplicates).where(p.event_a.in_(shown), p.event_b.in_(shown))
                             .order_by(p.score.desc(), p.pair_id))
            return [dict(r._mapping) for r in rows]

    # ------------------------------------------------------------------ workbench: map, sources, raw pages

    def map_points(self, f: EventFilter, *, cell_deg: float, max_points: int = 600) -> dict[str, Any]:
        """What the map draws: the events themselves when few, else grid clusters computed in the database.

        Never more than ``max_points`` points or one row per grid cell and event type,
        whatever the size of the store.
        """
        from sqlalchemy import Integer, cast

        e = t.events.c
        placed = [*self.event_conditions(f), e.latitude.is_not(None), e.longitude.is_not(None)]
        with self.engine.connect() as c:
            total = c.execute(select(func.count()).select_from(t.events).where(*self.event_conditions(f))).scalar_one()
            located = c.execute(select(func.count()).select_from(t.events).where(*placed)).scalar_one()
            if located <= max_points:
                rows = c.execute(select(e.event_id, e.latitude, e.longitude, e.event_type, e.sub_event_type,
                                        e.fatalities, e.geo_precision, e.event_date, e.time_precision, e.location,
                                        e.actor1).where(*placed).order_by(e.event_date.desc(), e.event_id)).all()
                items = [{"kind": "event", **dict(r._mapping)} for r in rows]
                return {"mode": "points", "total": total, "located": located, "items": items}
            cell_x = cast((e.longitude + 180.0) / cell_deg, Integer)
            cell_y = cast((e.latitude + 90.0) / cell_deg, Integer)
            rows = c.execute(select(cell_x, cell_y, e.event_type, func.count(), func.sum(e.fatalities),
                                    func.avg(e.latitude), func.avg(e.longitude), func.min(e.event_id),
                                    func.max(e.geo_precision))
                             .where(*placed).group_by(cell_x, cell_y, e.event_type)).all()
        cells: dict[tuple[int, int], dict[str, Any]] = {}
        for cx, cy, etype, count, dead, lat, lon, first_id, precision in rows:
            cell = cells.setdefault((cx, cy), {"kind": "cluster", "count": 0, "fatalities": 0, "lat_sum": 0.0,
                                               "lon_sum": 0.0, "types": {}, "event_id": first_id,
                                               "geo_precision": precision})
            cell["count"] += count
            cell["fatalities"] += dead or 0
            cell["lat_sum"] += lat * count
            cell["lon_sum"] += lon * count
            cell["types"][etype] = count
            cell["geo_precision"] = max(cell["geo_precision"] or 1, precision or 1)
        items = []
        for key in sorted(cells):
            cell = cells[key]
            lat, lon = cell.pop("lat_sum") / cell["count"], cell.pop("lon_sum") / cell["count"]
            cell["latitude"], cell["longitude"] = round(lat, 5), round(lon, 5)
            cell["event_type"] = max(cell["types"].items(), key=lambda kv: (kv[1], kv[0]))[0]
            if cell["count"] > 1:
                cell["event_id"] = None  # a cluster is opened by zooming, not by id
            items.append(cell)
        return {"mode": "clusters", "total": total, "located": located, "items": items}

    def article_sources(self, *, date_from: str | None = None, date_to: str | None = None,
                        outlet: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Articles (without text) with what each contributed: events, fatality claims, statements, tallies."""
        a = t.articles.c
        conditions = []
        if date_from:
            conditions.append(a.published >= date_from)
        if date_to:
            conditions.append(a.published <= date_to)
        if outlet:
            conditions.append(func.lower(a.outlet) == outlet.lower())

        def count_of(table: Any, column: Any, distinct: Any = None) -> Any:
            counted = func.count(func.distinct(distinct)) if distinct is not None else func.count()
            query = select(counted).select_from(table).where(column == a.article_id)
            if table is t.event_sources or table is t.claims:  # only the events shown
                query = query.where(table.c.event_id.in_(select(t.events.c.event_id)
                                                         .where(t.events.c.superseded_by.is_(None))))
            return query.scalar_subquery()

        query = (select(a.article_id, a.title, a.outlet, a.published, a.url, a.authors, t.documents.c.path,
                        count_of(t.event_sources, t.event_sources.c.article_id, t.event_sources.c.event_id)
                        .label("events"),
                        count_of(t.claims, t.claims.c.article_id).label("claims"),
                        count_of(t.statements, t.statements.c.article_id).label("statements"),
                        count_of(t.tallies, t.tallies.c.article_id).label("tallies"))
                 .join(t.documents, t.documents.c.document_id == a.document_id).where(*conditions)
                 .order_by(a.published.desc(), a.article_id).limit(limit).offset(offset))
        with self.engine.connect() as c:
            total = c.execute(select(func.count()).select_from(t.articles).where(*conditions)).scalar_one()
            items = []
            for row in c.execute(query):
                record = dict(row._mapping)
                record["document"] = record.pop("path")
                record["authors"] = record["authors"] or []
                items.append(record)
        return {"total": total, "items": items}

    def raw_document(self, article_id: str) -> dict[str, Any] | None:
        """The page an article was read from, as stored (raw HTML for HTML pages)."""
        query = (select(t.documents.c.content, t.documents.c.media_type, t.documents.c.path)
                 .join(t.articles, t.articles.c.document_id == t.documents.c.document_id)
                 .where(t.articles.c.article_id == article_id))
        with self.engine.connect() as c:
            row = c.execute(query).first()
            return dict(row._mapping) if row else None


def _bucket(day: str, by: str) -> str:
    """Timeline bucket of an ISO day: the day itself, its ISO week's Monday, or its month."""
    if by == "week":
        from datetime import date as _date, timedelta

        d = _date.fromisoformat(day)
        return (d - timedelta(days=d.weekday())).isoformat()
    if by == "month":
        return day[:7]
    return day


def _event_rows(record: dict[str, Any], events: list[dict[str, Any]], sources: list[dict[str, Any]],
                claims: list[dict[str, Any]]) -> None:
    """The rows of one merged event: every column present in each row, so rows batch together."""
    row: dict[str, Any] = {column.name: None for column in t.events.c}
    row.update({k: v for k, v in record.items() if k in row and k != "date_range"})
    date_range = record.get("date_range") or [None, None]
    row["date_from"], row["date_to"] = date_range
    row["n_sources"] = len(record["sources"])
    row["curated"] = bool(record.get("curated"))
    row["search_text"] = " ".join(str(record.get(k) or "") for k in (
        "actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "location", "admin1", "country", "notes")).lower()
    events.append(row)
    for source in record["sources"]:
        sources.append({"event_id": record["event_id"], "mention_id": source["mention_id"],
                        "article_id": source["article_id"]})
    for n, claim in enumerate(record["claims"]):
        claims.append({
            "claim_id": stable_id(record["event_id"], n), "event_id": record["event_id"],
            "article_id": claim.get("article_id"), "claimant": claim.get("claimant"),
            "source_outlet": claim.get("source_outlet"), "killed": claim.get("killed"),
            "injured": claim.get("injured"), "qualifier": claim.get("qualifier"),
            "quote": claim.get("quote"), "start": claim.get("start"), "end": claim.get("end")})


def _chunks(items: list[Any], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _names(actor: str | Sequence[str]) -> list[str]:
    """The spellings an actor filter matches, lower-cased: the caller resolves aliases
    (``pipeline.actors.actor_names``); the store only compares."""
    return sorted({name.strip().lower() for name in ([actor] if isinstance(actor, str) else actor)})


def _date_conditions(column: Any, date_from: str | None, date_to: str | None) -> list[Any]:
    conditions: list[Any] = []
    if date_from:
        conditions.append(column >= date_from)
    if date_to:
        conditions.append(column <= date_to)
    return conditions


def _any_contains(columns: Iterable[Any], needles: list[str]) -> Any:
    """Case-insensitive substring match of any needle in any column; % and _ typed by a user stay literal."""
    return or_(*[func.lower(column).contains(needle, autoescape=True) for column in columns for needle in needles])


def _country_names(value: str) -> list[str]:
    """A country as typed (name or ISO code) plus the names pycountry knows for it, lower-cased."""
    import pycountry

    value = value.strip()
    names = {value.lower()}
    try:
        country = pycountry.countries.lookup(value)
    except LookupError:
        return sorted(names)
    for attr in ("name", "common_name", "official_name", "alpha_2", "alpha_3"):
        if getattr(country, attr, None):
            names.add(getattr(country, attr).lower())
    return sorted(names)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (serve) never block the ingest writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


EVENT_FIELDS = (
    "event_id", "event_date", "date_range", "time_precision", "event_type", "sub_event_type",
    "plover_event", "plover_mode", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "country_code", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "injuries", "claims", "responsibility", "weapons", "targets", "sources", "notes", "confidence",
    "curated", "decision_ids", "machine",
)


def event_record(row: Any) -> dict[str, Any]:
    record = {k: row[k] for k in EVENT_FIELDS if k != "date_range"}
    record["date_range"] = [row["date_from"], row["date_to"]] if row["date_from"] else None
    for key in ("claims", "responsibility", "weapons", "targets", "sources", "decision_ids"):
        record[key] = record[key] or []
    record["curated"] = bool(record["curated"])
    return {k: record[k] for k in EVENT_FIELDS}


def article_record(row: Any) -> dict[str, Any]:
    return {
        "article_id": row["article_id"], "document": row["path"], "title": row["title"],
        "outlet": row["outlet"], "authors": row["authors"] or [], "published": row["published"],
        "published_source": row["published_source"], "url": row["url"], "language": row["language"],
        "text": row["text"],
    }


def _source(row: Any) -> list[dict[str, Any]]:
    return [{"document": row["path"], "article_id": row["article_id"], "outlet": row["outlet"],
             "published": row["published"], "quote": row["quote"], "start": row["start"], "end": row["end"]}]


def statement_record(row: Any) -> dict[str, Any]:
    return {
        "statement_id": row["statement_id"], "date": row["date"], "time_precision": row["time_precision"],
        "speaker": row["speaker"], "speaker_actor": row["speaker_actor"], "plover_event": row["plover_event"],
        "plover_mode": row["plover_mode"], "target_actor": row["target_actor"], "quote": row["quote"],
        "country": row["country"], "sources": _source(row),
    }


def tally_record(row: Any) -> dict[str, Any]:
    return {
        "tally_id": row["tally_id"], "count": row["count"], "qualifier": row["qualifier"], "what": row["what"],
        "actor": row["actor"], "target": row["target"], "place": row["place"],
        "period_from": row["period_from"], "period_to": row["period_to"], "as_of": row["as_of"],
        "claimant": row["claimant"], "parent_id": row["parent_id"], "sources": _source(row),
    }
