"""The HTTP layer: a JSON API (OpenAPI at /docs) and the workbench's static files, one port.

Thin over the store: the workbench itself only uses these public endpoints, as
any script can.  Safety: every parameter is validated, queries are built with
SQLAlchemy expressions (never strings), writes follow web/guard.py (token-less on a
loopback address, a token otherwise, same-origin always, only configured host names),
and every response, errors included, carries a strict Content-Security-Policy
(article text is untrusted).
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles

from conflictwire import __version__
from conflictwire.pipeline.actors import actor_names
from conflictwire.store.db import EventFilter, Store
from conflictwire.web.guard import WriteGuard, allowed_hosts

STATIC = Path(__file__).resolve().parent / "static"
MAX_PAGE = 500
MAP_POINTS = 600  # above this many located events in view, the map gets clusters
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_INGEST_BYTES = 5 * MAX_UPLOAD_BYTES  # one /api/ingest request, all its files together
SWAGGER_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png")  # what /docs loads
log = logging.getLogger("conflictwire.web")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: {tiles}; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
# /docs (Swagger UI, served from the swagger-ui-bundle package: no CDN, works offline) starts
# itself with a small inline script; it gets a policy of its own that allows just that.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'")
SORTS = Literal["event_date", "fatalities", "confidence", "country", "sub_event_type"]


def _day(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _text(value: str | None) -> str | None:
    """A free-text filter, or None when blank (an empty box filters nothing)."""
    value = (value or "").strip()
    return value or None


def _actor(value: str | None) -> list[str] | None:
    """An actor filter as the spellings to match (any alias the registry knows), or None when blank."""
    text = _text(value)
    return actor_names(text) if text else None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox: four numbers min_lon,min_lat,max_lon,max_lat") from None
    if len(parts) != 4:
        raise HTTPException(422, "bbox: four numbers min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(422, "bbox: out of range or min > max")
    return parts  # type: ignore[return-value]


def event_filter(
    date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    country: Annotated[str | None, Query(max_length=64)] = None,
    admin1: Annotated[str | None, Query(max_length=128)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(max_length=64)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    bbox: Annotated[str | None, Query(max_length=100)] = None,
) -> EventFilter:
    return EventFilter(date_from=_day(date_from, "from"), date_to=_day(date_to, "to"), country=country or None,
                       admin1=admin1 or None, actor=_actor(actor), event_type=type or None, text=q or None,
                       bbox=_bbox(bbox))


Filter = Annotated[EventFilter, Depends(event_filter)]


def create_app(store: Store, *, token: str | None = None, tile_url: str | None = None, host: str = "127.0.0.1",
               hosts: list[str] | None = None) -> FastAPI:
    """The app; ``host`` is the address the server is bound to (a loopback one allows token-less
    writes), ``hosts`` extra host names to answer to (besides $CONFLICTWIRE_HOSTS)."""
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    token = token if token is not None else os.environ.get("CONFLICTWIRE_TOKEN") or None
    tile_url = tile_url if tile_url is not None else os.environ.get("CONFLICTWIRE_TILES", "")
    app = FastAPI(title="conflictwire", version=__version__, docs_url=None, redoc_url=None,
                  description="Events, statements and tallies extracted from news reports, with their sources.")
    _offline_docs(app)
    csp = CSP.format(tiles=_origin(tile_url))
    guard = WriteGuard(bind=host, token=token, upload_limits={"/api/ingest": MAX_INGEST_BYTES})

    @app.middleware("http")
    async def check_writes(request: Request, call_next: Any) -> Response:
        # before any body is read: an upload from a stranger is refused unread
        refusal = guard.refusal(request.method, request.url.path, request.headers)
        return refusal if refusal is not None else await call_next(request)

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host, hosts))

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        try:
            response = await call_next(request)
        except Exception:  # a 500 carries the same headers as any response
            log.exception("internal error on %s %s", request.method, request.url.path)
            response = JSONResponse({"error": "internal error"}, status_code=500)
        docs = request.url.path in ("/docs", "/redoc")
        if "Content-Security-Policy" not in response.headers:  # a handler may set a stricter one
            response.headers["Content-Security-Policy"] = DOCS_CSP if docs else csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/api/events", tags=["events"])
    def list_events(f: Filter, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                    sort: SORTS = "event_date", order: Literal["asc", "desc"] = "desc") -> dict[str, Any]:
        items = list(store.iter_events(f, limit=page_size, offset=(page - 1) * page_size, sort=sort,
                                       descending=order == "desc"))
        return {"total": store.count_events(f), "page": page, "page_size": page_size, "items": items}

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: Annotated[str, _id_path()]) -> dict[str, Any]:
        record = store.get_event(event_id)
        if record is None:
            raise HTTPException(404, f"no event {event_id}")
        return record

    @app.get("/api/articles/{article_id}", tags=["sources"])
    def get_article(article_id: Annotated[str, _id_path()]) -> dict[str, Any]:
        record = store.get_article(article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id}")
        return {**record, **store.article_extractions(article_id)}

    @app.get("/api/articles", tags=["sources"])
    def list_articles(date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
                      date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
                      page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                      page_size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50) -> dict[str, Any]:
        rows = store.iter_articles(date_from=_day(date_from, "from"), date_to=_day(date_to, "to"),
                                   limit=page_size, offset=(page - 1) * page_size)
        return {"page": page, "items": [{k: v for k, v in r.items() if k != "text"} for r in rows]}

    @app.get("/api/statements", tags=["statements"])
    def list_statements(date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
                        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
                        actor: Annotated[str | None, Query(max_length=200)] = None,
                        country: Annotated[str | None, Query(max_length=64)] = None,
                        q: Annotated[str | None, Query(max_length=200)] = None,
                        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                        page_size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50) -> dict[str, Any]:
        """Statements by date; actor matches speaker or target (any spelling), country a name or ISO2 code,
        q words in the quote."""
        filters = dict(date_from=_day(date_from, "from"), date_to=_day(date_to, "to"),
                       actor=_actor(actor), country=_text(country), text=_text(q))
        rows = store.iter_statements(**filters, limit=page_size, offset=(page - 1) * page_size)
        return {"total": store.count_statements(**filters), "page": page, "page_size": page_size,
                "items": list(rows)}

    @app.get("/api/tallies", tags=["tallies"])
    def list_tallies(date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
                     date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
                     actor: Annotated[str | None, Query(max_length=200)] = None,
                     q: Annotated[str | None, Query(max_length=200)] = None,
                     page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                     page_size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50) -> dict[str, Any]:
        """Tallies by their as-of date; actor matches actor, target or claimant, q the quote or what was
        counted."""
        filters = dict(date_from=_day(date_from, "from"), date_to=_day(date_to, "to"),
                       actor=_actor(actor), text=_text(q))
        rows = store.iter_tallies(**filters, limit=page_size, offset=(page - 1) * page_size)
        return {"total": store.count_tallies(**filters), "page": page, "page_size": page_size,
                "items": list(rows)}

    @app.get("/api/actors", tags=["actors"])
    def list_actors(unknown: bool = False, q: Annotated[str | None, Query(max_length=200)] = None
                    ) -> dict[str, Any]:
        rows = store.actors(unknown_only=unknown)
        if q:
            rows = [r for r in rows if q.lower() in r["name"].lower()]
        return {"items": rows[:MAX_PAGE]}

    @app.get("/api/places", tags=["places"])
    def list_places(q: Annotated[str, Query(min_length=2, max_length=100)],
                    limit: Annotated[int, Query(ge=1, le=50)] = 10) -> dict[str, Any]:
        from conflictwire.gazetteer import get_gazetteer

        return {"items": [_plain(p) for p in get_gazetteer().lookup(q, limit=limit)]}

    @app.get("/api/towns", tags=["places"])
    def towns(bbox: Annotated[str, Query(max_length=100)], zoom: Annotated[int, Query(ge=0, le=20)] = 6
              ) -> dict[str, Any]:
        """Town labels for the map at this view (from the bundled gazetteer: offline, no tiles)."""
        from conflictwire.gazetteer import get_gazetteer

        if zoom < 5:  # a whole region: country outlines say enough
            return {"items": []}
        return {"items": get_gazetteer().towns(_bbox(bbox), zoom, limit=40 if zoom >= 7 else 25)}

    @app.get("/api/stats", tags=["events"])
    def stats(f: Filter, by: Literal["day", "week", "month"] = "day") -> dict[str, Any]:
        return store.stats(f, by=by)

    @app.get("/api/tolls", tags=["events"])
    def tolls(f: Filter) -> dict[str, Any]:
        """Tolls compared by source for the filtered events: what each outlet claimed against what is recorded."""
        return {"items": store.tolls_by_source(f)}

    @app.get("/api/duplicates", tags=["review"])
    def duplicates() -> dict[str, Any]:
        items = []
        for pair in store.possible_duplicates()[:MAX_PAGE]:
            items.append({**pair, "a": store.get_event(pair["event_a"]), "b": store.get_event(pair["event_b"])})
        return {"items": items}

    @app.post("/api/duplicates/{pair_id}/{decision}", tags=["review"])
    def decide(pair_id: Annotated[str, _id_path()], decision: Literal["confirm", "split"]) -> dict[str, Any]:
        from conflictwire.pipeline.merge import run_merge

        pair = next((p for p in store.possible_duplicates() if p["pair_id"] == pair_id), None)
        if pair is None:
            raise HTTPException(404, f"no possible-duplicate pair {pair_id}")
        store.add_decision(pair["mention_a"], pair["mention_b"], "same" if decision == "confirm" else "different")
        run_merge(store)
        return {"pair_id": pair_id, "decision": decision}

    @app.post("/api/ingest", tags=["ingest"])
    async def ingest_upload(files: list[UploadFile]) -> dict[str, Any]:
        from conflictwire.ingest import ingest

        with tempfile.TemporaryDirectory(prefix="cw-upload-") as folder:
            for n, upload in enumerate(files):
                data = await upload.read(MAX_UPLOAD_BYTES + 1)
                if len(data) > MAX_UPLOAD_BYTES:
                    raise HTTPException(413, f"{upload.filename}: over {MAX_UPLOAD_BYTES // 2**20} MB")
                name = Path(upload.filename or f"upload{n}.txt").name
                (Path(folder) / f"{n:03d}-{name}").write_bytes(data)
            summary = ingest([folder], store, command_line="api ingest", path_root=folder)
        return {"documents_new": summary.documents_new, "documents_skipped": summary.documents_skipped,
                "articles": summary.articles, "event_reports": summary.mentions,
                "problems": [{"path": Path(p.path).name, "message": p.message, "severity": p.severity}
                             for p in summary.problems]}

    @app.get("/api/export", tags=["export"])
    def export(f: Filter, kind: Literal["events", "statements", "tallies", "articles", "decisions"] = "events",
               format: Literal["jsonl", "csv", "geojson", "parquet", "acled-csv", "plover-jsonl"] = "csv"
               ) -> Response:
        from conflictwire import export as exporter

        try:
            exporter.check(kind, format)
        except exporter.ExportError as exc:
            raise HTTPException(422, str(exc)) from None
        suffix = {"acled-csv": "acled.csv", "plover-jsonl": "plover.jsonl"}.get(format, format)
        headers = {"Content-Disposition": f'attachment; filename="conflictwire-{kind}.{suffix}"'}
        if format == "parquet":
            buffer = io.BytesIO()
            exporter.write(store, kind, format, buffer, f)
            return Response(buffer.getvalue(), media_type="application/vnd.apache.parquet", headers=headers)
        media = {"csv": "text/csv", "acled-csv": "text/csv", "geojson": "application/geo+json"}.get(
            format, "application/x-ndjson")
        return StreamingResponse(_stream_text(store, kind, format, f), media_type=media + "; charset=utf-8",
                                 headers=headers)

    @app.get("/api/map", tags=["events"])
    def map_points(f: Filter, zoom: Annotated[int, Query(ge=0, le=20)] = 5) -> dict[str, Any]:
        """Events to draw: the points themselves when few, else grid clusters sized for the zoom level."""
        # about 64 screen pixels a cell: a 256-px tile spans 360 / 2**zoom degrees
        return store.map_points(f, cell_deg=90.0 / 2 ** zoom, max_points=MAP_POINTS)

    @app.get("/api/sources", tags=["sources"])
    def list_sources(date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
                     date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
                     outlet: Annotated[str | None, Query(max_length=200)] = None,
                     page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                     page_size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50) -> dict[str, Any]:
        """Articles with what each contributed (events, fatality claims, statements, tallies)."""
        result = store.article_sources(date_from=_day(date_from, "from"), date_to=_day(date_to, "to"),
                                       outlet=outlet or None, limit=page_size, offset=(page - 1) * page_size)
        return {**result, "page": page, "page_size": page_size}

    @app.get("/api/articles/{article_id}/raw", tags=["sources"])
    def raw_page(article_id: Annotated[str, _id_path()]) -> Response:
        """The stored page as read, always as inert plain text (never rendered as HTML)."""
        record = store.raw_document(article_id)
        if record is None or record["content"] is None:
            raise HTTPException(404, f"no raw page for article {article_id}")
        return Response(record["content"], media_type="text/plain; charset=utf-8",
                        headers={"Content-Security-Policy": "sandbox; default-src 'none'"})

    @app.get("/api/meta", tags=["meta"])
    def meta() -> dict[str, Any]:
        from conflictwire.vocab import ACLED_TAXONOMY

        return {"version": __version__, "counts": store.counts(), "taxonomy": ACLED_TAXONOMY,
                "tile_url": tile_url or None, "writable": guard.writable, "token_required": guard.token_required}

    from conflictwire.web.corrections import add_correction_routes

    add_correction_routes(app, store)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)

    if (STATIC / "index.html").is_file():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(STATIC / "index.html")

    return app


def _offline_docs(app: FastAPI) -> None:
    """OpenAPI docs at /docs with Swagger UI's files served from the installed package."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    @app.get("/docs-assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> FileResponse:
        if name not in SWAGGER_FILES:  # only what /docs loads, not the package's whole folder
            raise HTTPException(404, "not found")
        return FileResponse(Path(swagger_ui_path) / name)

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="conflictwire API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")


def _id_path() -> Any:
    from fastapi import Path as PathParam

    return PathParam(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")


def _plain(obj: Any) -> Any:
    from conflictwire.models import to_plain

    return to_plain(obj)


def _origin(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        return ""
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}"


def _stream_text(store: Store, kind: str, fmt: str, f: EventFilter) -> Any:
    """The exporter's own output, spooled to disk past 8 MB: constant memory for any size."""
    from conflictwire import export as exporter

    spool = tempfile.SpooledTemporaryFile(max_size=8 * 2**20, mode="w+", encoding="utf-8", newline="")
    exporter.write(store, kind, fmt, spool, f)
    spool.seek(0)

    def chunks() -> Any:
        with spool:
            while piece := spool.read(64 * 1024):
                yield piece

    return chunks()
