"""Geocode stage: each event mention's place names -> one event mention per resolved place.

For every ``PlaceMention`` the gazetteer resolves the name as written, with the
countries and first-level units the sentence names (strongest) and the article
names (weaker) as context.  The words around the name say what kind of place is
meant and how exactly:

* "base", "air base", "airfield", "field", "garrison" after the name -> a facility
  is preferred over a same-named town (al-Tanf garrison vs al-Tanf crossing);
* "province", "governorate" -> the first-level unit;
* "near X", "east of X", "outskirts of X", "X countryside", "X district",
  "northern X" -> the point of X with ``geo_precision`` 2 (3 if X is a province);
* a province or a country alone -> precision 3 (location = the country's name).

A mention whose places all fail falls back to a country the sentence locates the
event in ("in Syria"), precision 3; otherwise it is dropped with a warning that
names the unresolved text.  Nothing is guessed: the gazetteer refuses ambiguous
names, and a country or province that merely contains another resolved place of
the same mention is not turned into an extra event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from conflictwire.gazetteer import COARSE_KINDS, Gazetteer, GeoContext, get_gazetteer, name_key
from conflictwire.models import ArticleExtraction, EventMention, Place, PlaceMention, Statement, stable_id

NEAR_CUES = ("near", "outskirts", "outside", "around", "vicinity", "countryside", "east of", "west of",
             "north of", "south of", "northeast of", "northwest of", "southeast of", "southwest of",
             "km", "kilometers", "kilometres", "miles", "close to", "suburb", "surroundings", "periphery",
             "area", "district", "desert", "rural", "environs", "countryside of")
FACILITY_CUES = ("base", "airbase", "air base", "airfield", "air field", "field", "garrison", "outpost",
                 "airport", "military airport", "camp")
ADMIN_CUES = ("province", "governorate", "region")
_DIRECTION_PREFIX = re.compile(
    r"^(?:the\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|northeastern|"
    r"northwestern|southeastern|southwestern|north-eastern|north-western|south-eastern|south-western)\s+",
    re.I,
)
# "the vicinity of Ayn Issa", "the outskirts of Raqqa": the place with precision 2.
_NEAR_PREFIX = re.compile(r"^(?:the\s+)?(?:vicinity|outskirts|countryside|environs|surroundings|area|suburbs|"
                          r"periphery)\s+(?:of|around)\s+", re.I)
# "the heart of East Mosul", "the centre of Raqqa": the place itself.
_PART_PREFIX = re.compile(r"^(?:the\s+)?(?:heart|centre|center|middle|city centre|downtown)\s+of\s+", re.I)
_LOCATIVE = r"(?:in|inside|across|into|throughout|within|over|of)\s+(?:the\s+)?(?:\w+ern\s+|central\s+)?"


def geocode(extraction: ArticleExtraction) -> ArticleExtraction:
    """Resolve every mention's places; one mention per resolved place (see module docstring)."""
    gaz = get_gazetteer()
    text = extraction.article.text
    article_countries = tuple(gaz.countries_in(text))
    article_admin1 = tuple(name for name, _ in gaz.admin1_in(text))
    mentions: list[EventMention] = []
    for mention in extraction.mentions:
        sentence = mention.quote.text or text[mention.quote.start:mention.quote.end]
        context = GeoContext(
            countries=tuple(gaz.countries_in(sentence)),
            article_countries=article_countries,
            admin1=tuple(dict.fromkeys([n for n, _ in gaz.admin1_in(sentence)] + list(article_admin1))),
        )
        split, unresolved = _split_mention(gaz, mention, context, text)
        if not split:
            fallback = _sentence_country(gaz, sentence)
            if fallback is not None:
                split = [_copy(mention, fallback, [], f"geocode: no place resolved; country stated: {fallback.name}")]
            else:
                names = ", ".join(repr(n) for n in unresolved) or "no place named"
                extraction.warnings.append(
                    f"geocode: dropped mention {mention.mention_id} (sentence {mention.sentence_index}): "
                    f"unresolved place {names}"
                )
        mentions.extend(split)
    extraction.mentions = mentions
    extraction.statements = [_statement_country(gaz, s) for s in extraction.statements]
    return extraction


def resolve_place_mention(gaz: Gazetteer, pm: PlaceMention, context: GeoContext, article_text: str = "") -> Place | None:
    """One place mention -> a Place with the precision its cue implies, or None."""
    cue = _cue(pm, article_text)
    if _NEAR_PREFIX.match(pm.text):
        pm, cue = replace(pm, text=_NEAR_PREFIX.sub("", pm.text)), "near"
    elif _PART_PREFIX.match(pm.text):
        pm = replace(pm, text=_PART_PREFIX.sub("", pm.text))
    prefer = ""
    if cue in FACILITY_CUES or any(pm.text.lower().endswith(" " + c) for c in FACILITY_CUES):
        prefer = "facility"
    elif cue in ADMIN_CUES:
        prefer = "admin"
    place = gaz.resolve(pm.text, replace(context, prefer=prefer))
    if place is None:
        return None
    precision = place.geo_precision
    stripped_direction = bool(_DIRECTION_PREFIX.match(pm.text)) and name_key(pm.text) != name_key(place.name)
    if place.kind in COARSE_KINDS:
        precision = 3
    elif cue in NEAR_CUES or cue.endswith(" of") or stripped_direction:
        precision = 2
    admin2 = place.admin2
    if cue == "district" and place.kind not in ("admin1", "region", "country"):
        admin2 = admin2 or place.name
    return replace(place, geo_precision=precision, admin2=admin2)


# --------------------------------------------------------------------------- internals


def _split_mention(gaz: Gazetteer, mention: EventMention, context: GeoContext,
                   text: str) -> tuple[list[EventMention], list[str]]:
    by_id: dict[str, tuple[Place, list[PlaceMention]]] = {}
    unresolved: list[str] = []
    for pm in mention.places:
        place = resolve_place_mention(gaz, pm, context, text)
        if place is None:
            unresolved.append(pm.text)
            continue
        key = f"{place.place_id}:{place.geo_precision}"
        if key in by_id:
            by_id[key][1].append(pm)
        else:
            by_id[key] = (place, [pm])
    places = _drop_containers([p for p, _ in by_id.values()])
    out = []
    for key, (place, pms) in by_id.items():
        if place not in places:
            continue
        note = f"geocode: {', '.join(repr(p.text) for p in pms)} -> {place.name}, {place.country} ({place.source})"
        if unresolved:
            note += f"; unresolved: {', '.join(map(repr, unresolved))}"
        out.append(_copy(mention, place, pms, note))
    return out, unresolved


def _drop_containers(places: list[Place]) -> list[Place]:
    """A country or province that contains another resolved place is context, not a second event."""
    kept = []
    for p in places:
        inner = [q for q in places if q is not p and q.country_code == p.country_code]
        if p.kind == "country" and inner:
            continue
        if p.kind in ("admin1", "region") and any(q.admin1 == p.admin1 and q.kind not in ("admin1", "region", "country")
                                                  for q in inner):
            continue
        kept.append(p)
    return kept


def _copy(mention: EventMention, place: Place, pms: list[PlaceMention], note: str) -> EventMention:
    return replace(
        mention,
        mention_id=stable_id(mention.mention_id, place.place_id),
        place=place,
        places=[replace(pm, resolved=place) for pm in pms],
        evidence=[*mention.evidence, note],
    )


def _cue(pm: PlaceMention, text: str) -> str:
    """The extractor's cue, else one read from the words right around the name."""
    cue = (pm.cue or "").strip().lower()
    if cue or not text:
        return cue
    after = text[pm.span.end:pm.span.end + 30].lower()
    m = re.match(r"\s*(air base|airbase|airfield|air field|base|garrison|outpost|field|airport|province|"
                 r"governorate|district|countryside|outskirts|area)\b", after)
    if m:
        return m.group(1)
    before = text[max(0, pm.span.start - 40):pm.span.start].lower()
    m = re.search(r"(near|outside|outskirts of|countryside of|vicinity of|around|close to|"
                  r"(?:north|south|east|west|northeast|northwest|southeast|southwest) of)\s+(?:the\s+)?$", before)
    return m.group(1) if m else ""


def _sentence_country(gaz: Gazetteer, sentence: str) -> Place | None:
    """The country the sentence puts the event in ("in Syria", "across eastern Syria"), if exactly one."""
    located: list[str] = []
    for start, _, cc in gaz.country_mentions(sentence):
        if re.search(rf"\b{_LOCATIVE}$", sentence[max(0, start - 40):start], re.I) and cc not in located:
            located.append(cc)
    if len(located) != 1:
        return None
    country = gaz.resolve_country(located[0])
    return replace(country, geo_precision=3) if country else None


def _statement_country(gaz: Gazetteer, statement: Statement) -> Statement:
    """Normalise a statement's country to the gazetteer's country name when it names one."""
    if not statement.country:
        return statement
    cc = gaz.country_code(statement.country)
    country = gaz.resolve_country(cc) if cc else None
    return replace(statement, country=country.name) if country else statement
