"""The database schema (SQLAlchemy Core), portable across SQLite and PostgreSQL.

Dates are ISO strings (``YYYY-MM-DD``): they sort and compare correctly as text on
every backend and round-trip through JSON exports unchanged.  Nested lists
(claims, sources, …) are JSON columns; the columns analysts filter on are real,
indexed columns.  The Alembic migrations under ``store/migrations`` create exactly
these tables; a test checks the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

ID = 32  # stable ids are 16 hex chars; room for prefixes

runs = Table(
    "runs",
    metadata,
    Column("run_id", String(ID), primary_key=True),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32)),
    Column("command", Text),
    Column("version", String(32)),
    Column("documents_new", Integer, default=0),
    Column("documents_skipped", Integer, default=0),
    Column("problems", Integer, default=0),
)

documents = Table(
    "documents",
    metadata,
    Column("document_id", String(ID), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("path", Text, nullable=False),
    Column("media_type", String(16), nullable=False),
    Column("encoding", String(32)),
    Column("meta", JSON),
    Column("content", Text),  # the raw page as read, for "view the raw page"
    Column("run_id", String(ID)),
    UniqueConstraint("content_hash", name="uq_documents_content_hash"),
)

articles = Table(
    "articles",
    metadata,
    Column("article_id", String(ID), primary_key=True),
    Column("document_id", String(ID), ForeignKey("documents.document_id"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("authors", JSON),
    Column("url", Text),
    Column("published", String(10)),
    Column("published_source", String(16)),
    Column("published_raw", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("warnings", JSON),
    Index("ix_articles_document", "document_id"),
    Index("ix_articles_published", "published"),
)

# One row per event as told by one article sentence, after geocoding and actor
# normalisation.  Events are derived from mentions (plus human merge decisions) by
# the merge stage, so re-merging is always possible and deterministic.
mentions = Table(
    "mentions",
    metadata,
    Column("mention_id", String(ID), primary_key=True),
    Column("article_id", String(ID), ForeignKey("articles.article_id"), nullable=False),
    Column("document_id", String(ID), nullable=False),
    Column("event_date", String(10)),
    Column("time_precision", Integer),
    Column("sub_event_type", String(64)),
    Column("country_code", String(2)),
    Column("merged", Boolean, nullable=False, default=False),
    Column("payload", JSON, nullable=False),
    # What the incremental merge filters on in SQL (pipeline/merge_update.py): the end of the
    # date range and its length in days, and where (a latitude/longitude box around a report).
    Column("date_end", String(10)),
    Column("span_days", Integer),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Index("ix_mentions_block", "country_code", "event_date"),
    Index("ix_mentions_span", "country_code", "span_days"),
    Index("ix_mentions_merged", "merged"),
    Index("ix_mentions_article", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(ID), primary_key=True),
    Column("event_date", String(10), nullable=False),
    Column("date_from", String(10)),
    Column("date_to", String(10)),
    Column("time_precision", Integer, nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64), nullable=False),
    Column("plover_event", String(16)),
    Column("plover_mode", String(32)),
    Column("actor1", Text),
    Column("assoc_actor_1", Text),
    Column("inter1", Integer),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter2", Integer),
    Column("country", String(128)),
    Column("country_code", String(2)),
    Column("admin1", String(128)),
    Column("admin2", String(128)),
    Column("location", String(256)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("fatalities", Integer),
    Column("injuries", Integer),
    Column("notes", Text),
    Column("confidence", Float),
    Column("n_sources", Integer),
    Column("claims", JSON),
    Column("responsibility", JSON),
    Column("weapons", JSON),
    Column("targets", JSON),
    Column("sources", JSON),
    Column("merge_reasons", JSON),
    Column("search_text", Text),  # lower-cased actors, places, notes: for the text filter
    # Analysts' corrections (store/decisions.py): a curated event replaces the machine's events it
    # was made from; those stay stored, marked superseded (by the curated event's id, or "rejected").
    Column("curated", Boolean, nullable=False, default=False, server_default=false()),
    Column("decision_ids", JSON),
    Column("machine", JSON),  # the machine's values of the fields an analyst changed, and its event ids
    Column("superseded_by", String(ID)),
    Index("ix_events_date", "event_date"),
    Index("ix_events_superseded", "superseded_by"),
    Index("ix_events_curated", "curated"),
    Index("ix_events_country_date", "country_code", "event_date"),
    Index("ix_events_type", "sub_event_type"),
    Index("ix_events_actor1", "actor1"),
    Index("ix_events_actor2", "actor2"),
    Index("ix_events_admin1", "admin1"),
    Index("ix_events_latlon", "latitude", "longitude"),
)

event_sources = Table(
    "event_sources",
    metadata,
    Column("event_id", String(ID), nullable=False),
    Column("mention_id", String(ID), nullable=False),
    Column("article_id", String(ID), nullable=False),
    UniqueConstraint("event_id", "mention_id", name="uq_event_sources"),
    Index("ix_event_sources_mention", "mention_id"),
    Index("ix_event_sources_article", "article_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("claim_id", String(ID), primary_key=True),
    Column("event_id", String(ID), nullable=False),
    Column("article_id", String(ID)),
    Column("claimant", Text),
    Column("source_outlet", Text),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("qualifier", String(32)),
    Column("quote", Text),
    Column("start", Integer),
    Column("end", Integer),
    Index("ix_claims_event", "event_id"),
)

statements = Table(
    "statements",
    metadata,
    Column("statement_id", String(ID), primary_key=True),
    Column("article_id", String(ID), ForeignKey("articles.article_id"), nullable=False),
    Column("date", String(10)),
    Column("time_precision", Integer),
    Column("speaker", Text),
    Column("speaker_actor", Text),
    Column("plover_event", String(16)),
    Column("plover_mode", String(32)),
    Column("target_actor", Text),
    Column("country", String(128)),
    Column("quote", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("confidence", Float),
    Index("ix_statements_date", "date"),
    Index("ix_statements_article", "article_id"),
)

tallies = Table(
    "tallies",
    metadata,
    Column("tally_id", String(ID), primary_key=True),
    Column("article_id", String(ID), ForeignKey("articles.article_id"), nullable=False),
    Column("count", Integer, nullable=False),
    Column("qualifier", String(32)),
    Column("what", Text),
    Column("actor", Text),
    Column("target", Text),
    Column("place", Text),
    Column("period_from", String(10)),
    Column("period_to", String(10)),
    Column("as_of", String(10)),
    Column("claimant", Text),
    Column("parent_id", String(ID)),
    Column("quote", Text),
    Column("start", Integer),
    Column("end", Integer),
    Index("ix_tallies_article", "article_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("name", String(256), primary_key=True),
    Column("known", Boolean, nullable=False),
    Column("inter", Integer),
    Column("country", String(128)),
    Column("mentions", Integer, nullable=False, default=0),
    Column("example_quote", Text),
    Column("example_mention", String(ID)),  # the first mention (by id) naming the actor: gives the entry
)

places = Table(
    "places",
    metadata,
    Column("place_id", String(64), primary_key=True),
    Column("name", String(256), nullable=False),
    Column("country", String(128)),
    Column("country_code", String(2)),
    Column("admin1", String(128)),
    Column("admin2", String(128)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("kind", String(32)),
    Column("source", String(32)),
)

warnings = Table(
    "warnings",
    metadata,
    Column("warning_id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(ID)),
    Column("path", Text),
    Column("document_id", String(ID)),
    Column("article_id", String(ID)),
    Column("stage", String(32)),
    Column("severity", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Index("ix_warnings_document", "document_id"),
    Index("ix_warnings_run", "run_id"),
)

# Human review: a decision about two mentions that always wins over the automatic merge.
merge_decisions = Table(
    "merge_decisions",
    metadata,
    Column("decision_id", Integer, primary_key=True, autoincrement=True),
    Column("mention_a", String(ID), nullable=False),
    Column("mention_b", String(ID), nullable=False),
    Column("decision", String(16), nullable=False),  # same | different
    Column("decided_at", String(32)),
    Column("note", Text),
    UniqueConstraint("mention_a", "mention_b", name="uq_merge_decisions_pair"),
)

possible_duplicates = Table(
    "possible_duplicates",
    metadata,
    Column("pair_id", String(ID), primary_key=True),
    Column("event_a", String(ID), nullable=False),
    Column("event_b", String(ID), nullable=False),
    Column("mention_a", String(ID), nullable=False),
    Column("mention_b", String(ID), nullable=False),
    Column("country_code", String(2)),
    Column("score", Float, nullable=False),
    Column("reasons", JSON),
    Index("ix_possible_duplicates_country", "country_code"),
    Index("ix_possible_duplicates_a", "event_a"),
    Index("ix_possible_duplicates_b", "event_b"),
)


# Every candidate cluster a mention was scored against and did not join (score at least
# REVIEW_AT), named by the cluster's first member: possible duplicates are derived from these,
# so an incremental merge can recompute the pairs of just the events it changes.
merge_items = Table(
    "merge_items",
    metadata,
    Column("mention_id", String(ID), primary_key=True),
    Column("rank", Integer, primary_key=True),
    Column("seed_id", String(ID), nullable=False),
    Column("country_code", String(2)),
    Column("score", Float, nullable=False),
    Column("reason", JSON),
    Index("ix_merge_items_seed", "seed_id"),
    Index("ix_merge_items_country", "country_code"),
)


# Analysts' corrections: merge, split, reject or edit events, keyed by the stable ids of the
# reports (mentions) they concern, so they apply again after any re-ingest or re-merge.
decisions = Table(
    "decisions",
    metadata,
    Column("decision_id", String(ID), primary_key=True),
    Column("seq", Integer, nullable=False),  # order of application
    Column("kind", String(16), nullable=False),  # merge | split | reject | edit
    Column("mentions", JSON, nullable=False),  # the reports the decision concerns
    Column("fields", JSON),  # edit: the analyst's values; reject: {"reason": ...}
    Column("why", Text),
    Column("author", String(128)),
    Column("created_at", String(32), nullable=False),
    Column("event_ids", JSON),  # the events the analyst acted on (for the record)
    Column("undone_at", String(32)),
    Column("undone_by", String(128)),
    Column("status", String(16)),  # applied | partial | orphaned (set each time decisions are applied)
    Column("status_detail", Text),
    Index("ix_decisions_seq", "seq"),
)
