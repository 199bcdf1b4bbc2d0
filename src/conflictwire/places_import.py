"""The user's own gazetteer: GeoNames dumps and simple CSV files indexed beside the bundled one.

``conflictwire places import FILE...`` reads

* GeoNames dump files as downloaded: a country file (``IQ.zip`` / ``IQ.txt``), ``allCountries.zip``
  or any file of the same 19 tab-separated columns (geonameid, name, asciiname, alternatenames,
  latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
  admin3 code, admin4 code, population, elevation, dem, timezone, modification date);
* ``alternateNamesV2`` (``.zip`` or ``.txt``): more names for the places already imported;
* a CSV with a header ``name,lat,lon,country,admin1,aliases`` (aliases separated by ``;``).

Everything goes into one SQLite file in the cache folder (``user-places.sqlite``); the gazetteer
consults it ahead of the bundled GeoNames towns (``Gazetteer.candidates``).  Only populated places
(class P), administrative units below the first level (A: ADM2..ADM4), spots (S: bases, airports,
checkpoints ...), areas (L), terrain (T) and water features (H) are kept; a name is stored under the
same keys the bundled gazetteer matches on, so "Deir ez-Zor" and "Dayr az Zawr" meet.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

from conflictwire.gazetteer import name_key, skeleton

GEONAMES_COLUMNS = 19
KEEP_CLASSES = {"P", "A", "S", "L", "T", "H"}
_ADMIN_KIND = {"ADM2": "district", "ADM3": "subdistrict", "ADM4": "subdistrict"}
_SPOT_KIND = {"AIRB": "airbase", "AIRF": "airfield", "AIRP": "airport", "MILB": "base", "INSM": "base",
              "CMPRF": "camp", "DAM": "dam", "BDG": "landmark", "OILF": "oilfield", "PSTB": "crossing"}
_SKIP_LANGS = {"link", "post", "iata", "icao", "faac", "wkdt", "fr_1793", "abbr", "unlc", "tcid"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS uplaces (
    uid TEXT PRIMARY KEY, name TEXT, cc TEXT, admin1_code TEXT, admin2_code TEXT, admin1 TEXT,
    admin2 TEXT, lat REAL, lon REAL, fclass TEXT, fcode TEXT, kind TEXT, population INTEGER, source TEXT);
CREATE TABLE IF NOT EXISTS unames (key TEXT, skel TEXT, uid TEXT, name TEXT, UNIQUE (key, uid));
CREATE INDEX IF NOT EXISTS unames_key ON unames(key);
CREATE INDEX IF NOT EXISTS unames_skel ON unames(skel);
"""


class ImportProblem(Exception):
    """A file that cannot be imported: the message names it and says why."""


def user_places_path(cache: Path | None = None) -> Path:
    """The imported places' index, in ``cache`` (default: the active settings' cache folder)."""
    from conflictwire import settings

    return (cache or Path(settings.current().cache_dir)) / "user-places.sqlite"


def _kind(fclass: str, fcode: str) -> str | None:
    if fclass == "P":
        return "town"
    if fclass == "A":
        return _ADMIN_KIND.get(fcode)
    if fclass == "S":
        return _SPOT_KIND.get(fcode, "landmark")
    return "landmark"


def _lines(path: Path, member_hint: str) -> Iterator[str]:
    """Text lines of a plain or zipped dump (the zip's main .txt member, not its readme)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()
                       and "iso-language" not in n.lower()]
            if not members:
                raise ImportProblem(f"{path}: no .txt data file inside the zip")
            name = next((n for n in members if member_hint and n.lower().startswith(member_hint)), members[0])
            with zf.open(name) as fh:
                yield from io.TextIOWrapper(fh, encoding="utf-8")
        return
    with path.open(encoding="utf-8") as fh:
        yield from fh


def _admin1_names() -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin1 code) -> the bundled gazetteer's first-level unit name."""
    from conflictwire import settings
    from conflictwire.knowledge import load_yaml

    out = {}
    for path in settings.knowledge().iter_yaml_files("places"):
        for e in (load_yaml(path) or {}).get("admin1") or []:
            if e.get("geonames_admin1"):
                out[(str(e["country"]).upper(), str(e["geonames_admin1"]))] = e["name"]
    return out


def _names_rows(uid: str, names: list[str]) -> list[tuple[str, str, str, str]]:
    rows, seen = [], set()
    for n in names:
        key = name_key(n) if n else ""
        if key and key not in seen:
            seen.add(key)
            rows.append((key, skeleton(key), uid, n))
    return rows


def import_geonames(con: sqlite3.Connection, path: Path) -> int:
    admin1 = _admin1_names()
    places, names, admin2_units = [], [], {}
    for lineno, line in enumerate(_lines(path, path.stem.lower()), 1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            raise ImportProblem(f"{path}, line {lineno}: {len(cols)} tab-separated columns, a GeoNames dump has "
                                f"{GEONAMES_COLUMNS}")
        gid, name, ascii_name, alt, lat, lon, fclass, fcode, cc, _, a1, a2 = cols[:12]
        kind = _kind(fclass, fcode) if fclass in KEEP_CLASSES else None
        if kind is None:
            continue
        try:
            latf, lonf = float(lat), float(lon)
        except ValueError:
            raise ImportProblem(f"{path}, line {lineno}: latitude/longitude {lat!r}, {lon!r} are not numbers") from None
        pop = int(cols[14]) if cols[14].isdigit() else 0
        uid = f"gn-{gid}"
        places.append((uid, ascii_name or name, cc, a1, a2, admin1.get((cc, a1)), None, latf, lonf, fclass, fcode,
                       kind, pop, f"GeoNames {gid} (imported from {path.name})"))
        if fcode == "ADM2":
            admin2_units[(cc, a1, a2)] = ascii_name or name
        alts = [a for a in alt.split(",") if a and a.isascii()] if alt else []
        names += _names_rows(uid, [name, ascii_name, *alts])
    places = [p[:6] + (admin2_units.get((p[2], p[3], p[4])) if p[4] else None,) + p[7:] for p in places]
    con.executemany("INSERT OR REPLACE INTO uplaces VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT OR IGNORE INTO unames VALUES (?,?,?,?)", names)
    return len(places)


def import_alternate_names(con: sqlite3.Connection, path: Path) -> int:
    known = {uid for (uid,) in con.execute("SELECT uid FROM uplaces WHERE uid LIKE 'gn-%'")}
    rows = []
    for lineno, line in enumerate(_lines(path, "alternatenames"), 1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            raise ImportProblem(f"{path}, line {lineno}: not an alternateNames line (fewer than 4 tab-separated columns)")
        uid = f"gn-{cols[1]}"
        if uid in known and cols[2] not in _SKIP_LANGS and cols[3].isascii():
            rows += _names_rows(uid, [cols[3]])
    con.executemany("INSERT OR IGNORE INTO unames VALUES (?,?,?,?)", rows)
    return len(rows)


def import_csv(con: sqlite3.Connection, path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"name", "lat", "lon", "country"} - set(reader.fieldnames or [])
        if missing:
            raise ImportProblem(f"{path}: the CSV header lacks {', '.join(sorted(missing))} "
                                "(expected name,lat,lon,country,admin1,aliases)")
        places, names = [], []
        for i, row in enumerate(reader, 2):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                raise ImportProblem(f"{path}, line {i}: lat/lon {row['lat']!r}, {row['lon']!r} are not numbers") from None
            cc = (row["country"] or "").strip().upper()
            if len(cc) != 2:
                raise ImportProblem(f"{path}, line {i}: country {row['country']!r} is not an ISO 3166 two-letter code")
            uid = f"csv-{path.name}-{i}"
            places.append((uid, row["name"].strip(), cc, None, None, (row.get("admin1") or "").strip() or None, None,
                           lat, lon, "P", "PPL", "town", 0, f"{path.name} line {i}"))
            aliases = [a.strip() for a in (row.get("aliases") or "").replace("|", ";").split(";") if a.strip()]
            names += _names_rows(uid, [row["name"], *aliases])
    con.executemany("INSERT OR REPLACE INTO uplaces VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT OR IGNORE INTO unames VALUES (?,?,?,?)", names)
    return len(places)


def import_files(files: list[Path], cache: Path | None = None) -> list[tuple[Path, str, int]]:
    """Import every file (GeoNames dumps before alternate names); returns (file, what, count)."""
    for f in files:
        if not f.is_file():
            raise ImportProblem(f"{f}: no such file")
    target = user_places_path(cache)
    target.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(target)
    con.executescript(_SCHEMA)
    done = []
    alternates = [f for f in files if "alternatename" in f.name.lower()]
    try:
        for f in [f for f in files if f not in alternates]:
            if f.suffix.lower() == ".csv":
                done.append((f, "places (CSV)", import_csv(con, f)))
            else:
                done.append((f, "places (GeoNames)", import_geonames(con, f)))
        for f in alternates:
            done.append((f, "alternate names", import_alternate_names(con, f)))
        con.commit()
    except UnicodeDecodeError:
        raise ImportProblem(f"{f}: not UTF-8 text (GeoNames dumps and the CSV are UTF-8)") from None
    finally:
        con.close()
    return done
