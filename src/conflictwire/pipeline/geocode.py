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

When a mention brings only a country or province, a known theatre place written in
the same sentence and lying inside it ("a drone attack on Tower 22 in Jordan") is
taken as the location (``Gazetteer.find_names``).  A mention whose places all fail
falls back to a country the sentence locates the
event in ("in Syria"), precision 3; otherwise it is dropped with a warning that
names the unresolved text.  Nothing is guessed: the gazetteer refuses ambiguous
names, and a country or province that merely contains another resolved place of
the same mention is not turned into an extra event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from conflictwire import lang
from conflictwire.dateline import news_dateline, wire_dateline
from conflictwire.extraction.casualties import casualty_figure_at
from conflictwire.gazetteer import (
    AREA_KINDS,
    FACILITY_KINDS,
    THEATRE,
    COARSE_KINDS,
    DISTRICT_KINDS,
    Gazetteer,
    GeoContext,
    admin1_key,
    get_gazetteer,
    kind_precision,
    name_key,
)
from conflictwire.geo import km_between
from conflictwire.registry import ActorRegistry, get_registry
from conflictwire.models import (
    ArticleExtraction,
    CasualtyClaim,
    EventMention,
    Place,
    PlaceMention,
    Span,
    Statement,
    stable_id,
)

# Cue words (from the extractor's cue, e.g. "in district", "east of", "at base", or read
# from the words right after / before the name in the article): near_words, admin_words,
# area_words and area_suffixes of knowledge/lang/places.yaml.
FACILITY_WORDS = {"base", "airbase", "airfield", "field", "garrison", "outpost", "airport", "camp", "fields"}
_DIRECTION_PREFIX = re.compile(
    r"^(?:the\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|northeastern|"
    r"northwestern|southeastern|southwestern|north-eastern|north-western|south-eastern|south-western)\s+",
    re.I,
)
# "the vicinity of Ayn Issa", "the outskirts of Raqqa": the place with precision 2.
_NEAR_PREFIX = re.compile(
    r"^(?:(?:the\s+)?(?:vicinity|outskirts|countryside|environs|surroundings|area|suburbs|periphery|desert|badia|mountains)\s+(?:of|around)"
    r"|near|outside|around|close to|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)\s+",
    re.I,
)
# "the heart of East Mosul", "the centre of Raqqa": the place itself.
_PART_PREFIX = re.compile(r"^(?:the\s+)?(?:heart|centre|center|middle|city centre|downtown)\s+of\s+", re.I)
_LOCATIVE = r"(?:in|inside|across|into|throughout|within|over|of)\s+(?:the\s+)?(?:\w+ern\s+|central\s+)?"


SHORT_ITEM_CHARS = 600  # headlines and wire briefs: the only items that keep an unplaced event


def geocode(extraction: ArticleExtraction) -> ArticleExtraction:
    """Resolve every mention's places; one mention per resolved place (see module docstring)."""
    gaz = get_gazetteer()
    text = extraction.article.text
    # Where the wire filed from ("BEIRUT (AFP) -") names no country of the news.
    news_text = _without_datelines(text)
    admin1_named = gaz.admin1_in(news_text)
    # A governorate named names its country too ("Idlib countryside" is in Syria): a spelling
    # match may then land there even when the text never writes "Syria".
    article_countries = tuple(dict.fromkeys([*gaz.countries_in(news_text), *(cc for _, cc in admin1_named)]))
    article_admin1 = tuple(name for name, _ in admin1_named)
    near = gaz.unambiguous_points(text) if extraction.mentions else ()
    triggers = tuple(m.trigger.start for m in extraction.mentions)
    mentions: list[EventMention] = []
    unplaced: dict[str, str] = {}
    for mention in extraction.mentions:
        sentence = mention.quote.text or text[mention.quote.start:mention.quote.end]
        context = GeoContext(
            countries=tuple(gaz.countries_in(sentence)),
            article_countries=article_countries,
            admin1=tuple(dict.fromkeys([n for n, _ in gaz.admin1_in(sentence)] + list(article_admin1))),
            near=near,
        )
        split, unresolved = _split_mention(gaz, mention, context, text, triggers)
        if not split:
            fallback = _sentence_country(gaz, sentence) or _dateline_country(gaz, mention, context, text) \
                or (_headline_country(gaz, extraction.article.title, article_countries) if unresolved else None)
            names = ", ".join(repr(n) for n in unresolved) or "no place named"
            if fallback is not None:
                split = [_copy(mention, fallback, [], f"geocode: no place resolved; country stated: {fallback.name}")]
            else:
                # The event is real but its place is not known: keep it with no location
                # rather than guess one or lose it. Such events never merge (merge.py).
                kept = replace(mention, evidence=[*mention.evidence, "geocode: no place resolved, kept without location"])
                split = [kept]
                unplaced[mention.mention_id] = names
        mentions.extend(split)
    mentions = _inherit_article_place(gaz, extraction, mentions, GeoContext(
        countries=(), article_countries=article_countries, admin1=article_admin1, near=near))
    for m in mentions:
        if m.place is None and m.mention_id in unplaced:
            extraction.warnings.append(
                f"geocode: no location for mention {m.mention_id} (sentence {m.sentence_index}): "
                f"unresolved place {unplaced[m.mention_id]}; kept without location (short item only)")
    if any(m.place is not None for m in mentions) or len(text) > SHORT_ITEM_CHARS:
        # Only a short item (a headline, a wire brief) keeps an event it cannot place: there the
        # event is the item's whole point. In a longer report an unplaced mention is almost
        # always an elaboration of a placed one ("the attackers opened fire ..."), or comes with
        # a date as loose as its place; measured on the dev gold, keeping them added false events.
        for m in mentions:
            if m.place is None:
                extraction.warnings.append(f"geocode: dropped unplaced mention {m.mention_id} "
                                           f"(sentence {m.sentence_index}): no place in a longer report")
                _hand_on_updates(m, [p for p in mentions if p.place is not None])
        mentions = [m for m in mentions if m.place is not None]
    extraction.mentions = mentions
    extraction.statements = [_statement_country(gaz, s) for s in extraction.statements]
    return extraction


def _inherit_article_place(gaz: Gazetteer, extraction: ArticleExtraction, mentions: list[EventMention],
                           context: GeoContext) -> list[EventMention]:
    """An event whose own words place it nowhere, or only in a country ("an explosion killed five people in
    Syria"), takes the article's own place when the article has one: the place its headline names, else the
    places written before the event in the text, else a local dateline ("Homs, SANA -") in a country the text
    names -- each only when all it names lies in one governorate, and only inside the country the event's own
    words say.  Precision 2 for a single town or area of the headline or the text, 3 for a governorate or a
    dateline (never 1: the event is somewhere there); a dateline only when the text names that country and
    no other of the theatre.  An unplaced event beside events placed by their own words is an elaboration of
    those, and stays unplaced (dropped below); so does one in a longer report that states no date of its own."""
    open_ = [i for i, m in enumerate(mentions) if m.place is None or _only_a_country(m.place)]
    if not open_:
        return mentions
    placed_own = any(m.place is not None and not _only_a_country(m.place) for m in mentions)
    tiers: dict[str, list[tuple[int, Place]]] = {}
    out = list(mentions)
    for i in open_:
        m = mentions[i]
        if m.place is None and (placed_own or (m.date is not None and m.date.span is None
                                               and len(extraction.article.text) > SHORT_ITEM_CHARS)):
            # an elaboration of an event placed by its own words; or, in a longer report, words with neither
            # place nor date of their own ("Coalition aircraft conducted a strike on the location"), whose day
            # is some earlier sentence's: a new event would take the publication date (measured on the dev gold)
            continue
        found = None
        for tier in ("headline", "text", "dateline"):
            if tier not in tiers:
                tiers[tier] = _tier_places(gaz, extraction, tier, context)
            # the text before the event's own sentence (its own words were read already)
            end = (m.quote.start if m.quote.text else 0) if tier == "text" else len(extraction.article.text) + 1
            places = [p for start, p in tiers[tier] if start < end]
            if len({p.admin1 for p in places}) > 1:
                break  # the tier names places in several governorates: no guess from a later one
            if not places:
                continue
            found = _one_governorate(gaz, places, dateline=tier == "dateline")
            if found is not None:
                found = (tier, found)
            break
        if found is None:
            continue
        tier, place = found
        if m.place is not None and place.country_code != m.place.country_code:
            continue
        note = f"geocode: no place of its own; the article's {tier} place: {place.name}, {place.country}"
        out[i] = _copy(m, place, [], note)
    return out


def _only_a_country(place: Place) -> bool:
    """A country, or a region of one that names no governorate ("Northern Syria")."""
    return place.kind == "country" or (place.kind == "region" and not place.admin1)


def _tier_places(gaz: Gazetteer, extraction: ArticleExtraction, tier: str, context: GeoContext) -> list[tuple[int, Place]]:
    """(where it is written, place) of the theatre places below country level one tier of the article names."""
    text = extraction.article.text
    places: list[tuple[int, Place]] = []
    if tier == "headline":
        title = (extraction.article.title or "").strip()
        source, spans = title, gaz.find_names(title) if title else []
    elif tier == "text":
        source = text
        spans = [(s, e, t) for s, e, t in gaz.find_names(text)
                 if not is_dateline(PlaceMention(text=t, span=Span(s, e, t), cue=""), text)]
    else:
        source, spans = text, []
        for line in re.finditer(r"[^\n]+", text):
            found = news_dateline(line.group())
            if found is not None:
                name = re.sub(r",.*$", "", found.group("place")).strip()
                spans.append((line.start(), line.start() + len(name), name))
    for s, e, surface in spans:
        pm = PlaceMention(text=surface, span=Span(s, e, surface), cue="")
        if _ORIGIN_BEFORE.search(source, max(0, s - 30), s) or _tail_of_a_name(pm, source) \
                or _end_of_a_long_road(gaz, pm, source, context):
            continue  # where fighters came from; "Al-Sham" of a group's name; "the Tehran - Beirut road"
        if tier == "dateline":
            place = gaz.resolve(surface, replace(context, required_country=None))
            if place is None or {cc for cc in context.article_countries if cc in THEATRE} != {place.country_code}:
                continue  # where the wire files from ("BEIRUT (Reuters) -") is not the news's country
        else:
            place = resolve_place_mention(gaz, pm, context, source)
        if place is None or _only_a_country(place) or not place.admin1:
            continue
        places.append((s, place))
    return places


def _one_governorate(gaz: Gazetteer, places: list[Place], dateline: bool = False) -> Place | None:
    """One place (precision at least 2) or their governorate (precision 3)."""
    distinct = {p.place_id: p for p in places}
    if len(distinct) == 1 and not dateline:
        place = places[0]
        return replace(place, geo_precision=max(2, place.geo_precision))
    first = places[0]
    unit = gaz.unit(first.country_code, "admin1", first.admin1) if first.admin1 else None
    return replace(unit, geo_precision=3) if unit is not None else None


def _hand_on_updates(unplaced: EventMention, placed: list[EventMention]) -> None:
    """"The death toll from the suicide bombing rose to 13" (no place) over "a suicide bomber blew himself up at
    the bus station in Jableh, killing eight": the update an unplaced elaboration carries is the placed event's
    (the nearest one of the same sub-event type whose dates overlap)."""
    updates = [c for c in unplaced.claims if c.update and c.killed]
    fitting = [m for m in placed if m.sub_event_type == unplaced.sub_event_type
               and not (m.date.end < unplaced.date.start or unplaced.date.end < m.date.start)]
    if not updates or not fitting:
        return
    target = min(fitting, key=lambda m: (abs(m.sentence_index - unplaced.sentence_index), m.sentence_index))
    target.claims.extend(c for c in updates if c not in target.claims)
    target.evidence.append(f"toll update from the unplaced mention in sentence {unplaced.sentence_index}")


def resolve_place_mention(gaz: Gazetteer, pm: PlaceMention, context: GeoContext, article_text: str = "") -> Place | None:
    """One place mention -> a Place with the precision its cue implies, or None."""
    phrase = _phrase_around(gaz, pm, article_text)
    if phrase is not None:
        pm = phrase  # "Euphrates River" cued "east of": the region "east of the Euphrates", a name as a whole
    words = _cue_words(pm, article_text)
    if phrase is None:  # a phrase is a name as a whole: no prefix of it is a cue
        if m := _NEAR_PREFIX.match(pm.text):
            area = {w for w in ("countryside", "mountains") if w in m.group(0).lower()}
            pm, words = replace(pm, text=_NEAR_PREFIX.sub("", pm.text)), words | {"near"} | area
        elif _PART_PREFIX.match(pm.text):
            pm = replace(pm, text=_PART_PREFIX.sub("", pm.text))
    own_words = set(pm.text.lower().split())
    lw = lang.words()
    prefer = ""
    if words & FACILITY_WORDS or own_words & FACILITY_WORDS:
        prefer = "facility"
    elif words & lw.words("admin_words"):
        prefer = "admin"
    elif words & lw.words("town_words"):
        prefer = "town"  # "Daraa city": the town, not the district named after it
    place = None
    facility_word = next((w for w in words & FACILITY_WORDS if w not in own_words), None)
    if prefer == "facility" and facility_word:
        # "al-Tanf" with "garrison" written after it: the facility's own alias first.
        place = gaz.resolve(f"{pm.text} {facility_word}", replace(context, prefer=prefer))
    place = place or _resolve_widened(gaz, pm, replace(context, prefer=prefer), article_text)
    if place is None and _tail_of_a_name(pm, article_text):
        return None
    place = place or gaz.resolve(pm.text, replace(context, prefer=prefer))
    if place is None or _namesake_abroad(place, words, context) or _country_unnamed(gaz, place, context, article_text):
        return None
    precision = place.geo_precision
    stripped_direction = bool(_DIRECTION_PREFIX.match(pm.text)) and name_key(pm.text) != name_key(place.name)
    near = (bool(words & lw.words("near_words")) or any(w.endswith(" of") for w in words)
            or bool((own_words | words) & lw.words("area_suffixes")))  # "the Ariha front", "Kabani sector"
    if {"desert", "badia"} & (words | own_words) and (desert := _desert_of(gaz, place, pm.text)) is not None:
        return desert  # "Homs Desert", "the desert of Homs": the governorate's desert, not the city
    if place.kind in COARSE_KINDS:
        precision = 3
    elif (words | own_words) & lw.words("area_words"):
        return area_around(gaz, place, pm.text, _countryside_direction(pm, article_text))
    elif (part := _the_part_of(gaz, place, pm, article_text)) is not None:
        return part  # "the north of Hama": the northern countryside of the governorate
    elif place.kind in DISTRICT_KINDS | AREA_KINDS or near or stripped_direction:
        precision = 2
    admin2 = place.admin2
    if "district" in words and place.kind not in COARSE_KINDS:
        admin2 = admin2 or place.name
    return replace(place, geo_precision=precision, admin2=admin2)


# --------------------------------------------------------------------------- internals


@lang.derived
def _locator_after(words: lang.Words) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{lang.alternation(words.words('locator_containers'))})\b", re.I)


def _phrase_around(gaz: Gazetteer, pm: PlaceMention, text: str) -> PlaceMention | None:
    """A place's phrase ("east of the Euphrates", knowledge/places) written around or over this name."""
    pattern = gaz.phrase_pattern
    if pattern is None or not text or text[pm.span.start:pm.span.end] != pm.span.text:
        return None
    lo = max(0, pm.span.start - 40)
    for m in pattern.finditer(text, lo, min(len(text), pm.span.end + 40)):
        if m.start() < pm.span.end and pm.span.start < m.end():
            return replace(pm, text=m.group(0), span=Span(m.start(), m.end(), m.group(0)), cue="")
    return None


def _namesake_abroad(place: Place, words: set[str], context: GeoContext) -> bool:
    """"the Mashhad neighbourhood" on a page about Syria is a quarter of a Syrian city the gazetteer
    lacks, never the Iranian city: a neighbourhood lies in a country the article names."""
    if not words & lang.words().words("city_part_words"):
        return False
    if place.kind in COARSE_KINDS:
        return True  # "the Salah al-Din neighbourhood of Aleppo": a quarter is never a province (nor names one's country)
    if not context.article_countries:
        return False
    return place.country_code not in {*context.article_countries, *context.countries, context.required_country}


def _country_unnamed(gaz: Gazetteer, place: Place, context: GeoContext, text: str) -> bool:
    """A text that names its countries (or their governorates) never puts an event outside the theatre in a
    country it does not name, nor its people ("Zawiya village, Al-Qayyarah subdistrict, Ninewa" is no Zawiya
    in Libya); a theatre place is no namesake abroad ("Turkey's Afrin bombardment" is in Syria)."""
    if not context.article_countries or place.country_code in {*THEATRE, *context.article_countries, *context.countries,
                                                               context.required_country}:
        return False
    return place.country_code not in gaz.demonym_countries(text)


def area_around(gaz: Gazetteer, place: Place, written: str, direction: str = "") -> Place:
    """"The countryside of X", "X countryside": the area around X, not the town X.

    X that also names a governorate ("Idlib countryside", "the eastern countryside of Hama") ->
    that governorate, precision 3 (its part "the northern countryside of Hama" when the gazetteer
    knows that part, knowledge/places/syria_countrysides.yaml); X that is a district's seat -> the
    district, precision 2; any other X -> its own point, precision 2."""
    if place.kind == "admin1":
        return _countryside_part(gaz, place, direction) or _countryside_unit(gaz, place) or replace(place, geo_precision=3)
    if place.kind in COARSE_KINDS | DISTRICT_KINDS:
        return replace(place, geo_precision=kind_precision(place.kind))
    governorate = _governorate_named(gaz, place, written)
    if governorate is not None:
        return (_countryside_part(gaz, governorate, direction) or _countryside_unit(gaz, governorate)
                or replace(governorate, geo_precision=3))
    if place.admin2:
        district = gaz.unit(place.country_code, "district", place.admin2, place.admin1)
        if district is not None and km_between(district, place) <= 5:  # the district's point is its seat
            return replace(district, geo_precision=2)
    return replace(place, geo_precision=2, admin2=place.admin2)


def _countryside_unit(gaz: Gazetteer, governorate: Place) -> Place | None:
    """"Damascus countryside" is a governorate of its own (Rural Damascus, knowledge/places/admin1.yaml
    aliases), not the city's governorate."""
    for row in gaz.candidates(f"{governorate.name} countryside"):
        if row.match == "exact" and row.place.kind == "admin1" and row.place.place_id != governorate.place_id \
                and row.place.country_code == governorate.country_code:
            return replace(row.place, geo_precision=3)
    return None


def _governorate_named(gaz: Gazetteer, place: Place, written: str) -> Place | None:
    """The governorate a town's name also names ("Hama", "Idlib"), or None."""
    names = {written, re.sub(r"(?:\s+[a-z]\w*)+$", "", written), place.name}  # "Deir Ezzor as" -> "Deir Ezzor"
    for name in names:
        for row in gaz.candidates(name):
            if row.match == "exact" and row.place.kind == "admin1" and row.place.country_code == place.country_code:
                return row.place
    return None


def _desert_of(gaz: Gazetteer, place: Place, written: str) -> Place | None:
    """"The desert of Homs": that governorate's desert when the gazetteer knows it (knowledge/places)."""
    governorate = place if place.kind == "admin1" else _governorate_named(gaz, place, written)
    if governorate is None:
        return None
    for row in gaz.candidates(f"desert of {governorate.name}"):
        if row.match == "exact" and row.place.kind == "region" and row.place.admin1 == governorate.admin1:
            return replace(row.place, geo_precision=3)
    return None


def _the_part_of(gaz: Gazetteer, place: Place, pm: PlaceMention, text: str) -> Place | None:
    """"The north of Hama" (with "the": a part, not a bearing): the governorate's part the gazetteer knows."""
    if not text or text[pm.span.start:pm.span.end] != pm.span.text or place.kind in COARSE_KINDS:
        return None
    before = text[max(0, pm.span.start - 30):pm.span.start]
    m = re.search(rf"\bthe\s+{_DIRECTION_WORD}\s+(?:part\s+)?of\s+(?:the\s+)?$", before, re.I)
    if m is None:
        # "shelling targets north of Hama", "positions south of Idlib": no place or distance the bearing is
        # taken from ("Kafr Zita north of Hama", "10 km north of Hama"), so the part of the governorate
        m = re.search(rf"(?:^|(?<![\w'\u2019-])([\w'\u2019-]+)\s+){_DIRECTION_WORD}\s+of\s+$", before, re.I)
        if m is not None and m.group(1) is not None and (m.group(1)[0].isupper() or m.group(1)[0].isdigit()
                                                         or m.group(1).lower() in _DISTANCE_UNITS):
            m = None
        governorate = _governorate_named(gaz, place, pm.text) if m is not None else None
        if governorate is not None:  # a part the gazetteer lacks: the governorate, as "the southern countryside of Idlib"
            return _countryside_part(gaz, governorate, m.group(2).lower()) or replace(governorate, geo_precision=3)
        return None
    governorate = _governorate_named(gaz, place, pm.text) if m else None
    return _countryside_part(gaz, governorate, m.group(1).lower()) if governorate is not None else None


_DISTANCE_UNITS = {"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters"}


def _countryside_part(gaz: Gazetteer, governorate: Place, direction: str) -> Place | None:
    """"The northern countryside of Hama": that part of the governorate, when the gazetteer has it."""
    if not direction:
        return None
    for row in gaz.candidates(f"{direction} countryside of {governorate.name}"):
        if row.match == "exact" and row.place.kind == "region" and row.place.admin1 == governorate.admin1:
            return replace(row.place, geo_precision=3)
    return None


_DIRECTION_WORD = r"(north|south|east|west)(?:ern)?"


def _countryside_direction(pm: PlaceMention, text: str) -> str:
    """"north" of "the northern countryside of Hama" / "Hama's northern countryside" / "northern Hama
    countryside"; "" when no single direction is written with the countryside."""
    m = re.match(rf"^(?:the\s+)?{_DIRECTION_WORD}\s+countryside\s+of\s+", pm.text, re.I)
    if m:
        return m.group(1).lower()
    if not text or text[pm.span.start:pm.span.end] != pm.span.text:
        return ""
    m = re.match(rf"^(?:the\s+)?{_DIRECTION_WORD}\s+\S", pm.text, re.I)
    if m and re.match(r"^\s+countryside\b", text[pm.span.end:pm.span.end + 15], re.I):
        return m.group(1).lower()  # "northern Homs" + "countryside"
    before = text[max(0, pm.span.start - 40):pm.span.start]
    after = text[pm.span.end:pm.span.end + 30]
    m = (re.search(rf"\b{_DIRECTION_WORD}\s+countryside\s+of\s+(?:the\s+)?(?:province\s+of\s+)?$", before, re.I)
         or re.match(rf"^(?:['\u2019]s)?\s+{_DIRECTION_WORD}\s+countryside\b", after, re.I))
    if m is None and re.match(r"^\s+countryside\b", after, re.I):
        m = re.search(rf"\b{_DIRECTION_WORD}\s+$", before, re.I)  # "the northern Hama countryside"
    return m.group(1).lower() if m else ""


_ARTICLE_HEAD = re.compile(r"^(?:al|el|ad|as|ash|az|an|ar|at)[-\s]", re.I)
_NOT_A_NAME_PART = re.compile(r"^(?:in|at|on|of|near|from|to|and|the|north|south|east|west|\w+ern|central|"
                              r"countryside|town|city|village|area|province|governorate|district|outskirts)$", re.I)


def _tail_of_a_name(pm: PlaceMention, text: str) -> bool:
    """"Al-Sham" of "Hayyaat Tahrir Al-Sham", "Al-Islam" of "Jaysh Al-Islam": a name the extractor cut
    out of a longer proper name (a group's, here) that is no known place -- never a place of its own."""
    if not text or text[pm.span.start:pm.span.end] != pm.span.text or not _ARTICLE_HEAD.match(pm.text):
        return False
    m = re.search(r"\b([A-Z][\w'\u2019]+)[ -]$", text[max(0, pm.span.start - 30):pm.span.start])
    if _GROUP_NOUN_AFTER.match(text, pm.span.end):
        return True  # "the revenge war for al-Sham State": a group's name, not the old name of Damascus
    return m is not None and not _NOT_A_NAME_PART.match(m.group(1))


_GROUP_NOUN_AFTER = re.compile(r"\s+(?:State|Caliphate|Front|Army|Brigades?|Battalions?|Movement|Corps|Legion)\b")


def _resolve_widened(gaz: Gazetteer, pm: PlaceMention, context: GeoContext, text: str) -> Place | None:
    """A name cut short by the extractor ("ez-Zor" of "Deir ez-Zor"): the capitalised word written
    right before it, joined by a space or hyphen, completes it -- accepted only as an exact name."""
    if not text or text[pm.span.start:pm.span.end] != pm.span.text:
        return None
    widers = []
    m = re.search(r"\b([A-Z][\w'\u2019]+)[ -]$", text[max(0, pm.span.start - 30):pm.span.start])
    if m is not None:
        widers.append(text[pm.span.start - len(m.group(0)):pm.span.end])
    # "northern Syria": a direction written before the name, when the two together are a known region
    m = re.search(r"\b(?:north|south|east|west)(?:ern)?\s$", text[max(0, pm.span.start - 12):pm.span.start], re.I)
    if m is not None:
        widers.append(text[pm.span.start - len(m.group(0)):pm.span.end])
    # "Ras al" of "Ras al-Ayn": a name ending in an article is completed by the word after the hyphen
    if pm.text.split()[-1].lower() in ("al", "el", "ad", "as", "ash", "az", "ar", "an", "at", "ath", "ad-", "al-"):
        m = re.match(r"-?([A-Z][\w'\u2019]+)" if pm.text.endswith("-") else r"-([A-Z][\w'\u2019]+)",
                     text[pm.span.end:pm.span.end + 30])
        if m is not None:
            completed = text[pm.span.start:pm.span.end + len(m.group(0))]
            if len(pm.text.split()) == 1:  # "al" alone of "al-Bokamal": the completed name is the only reading
                return gaz.resolve(completed, context)
            widers.append(completed)
    # "Triangle" of "the Triangle of Death", "Badia" of "the eastern Badia of Homs": a known name the extractor
    # cut short, written whole around it
    lo = max(0, pm.span.start - 16)
    around = [name for s, e, name in gaz.find_names(text[lo:pm.span.start + 60])
              if lo + s <= pm.span.start and lo + e >= pm.span.end and e - s > len(pm.span.text)]
    if around:
        # when the cut name alone places nothing, a region, or another place than the whole name ("Yarmouk" of
        # "Yarmouk Basin" is no Yarmouk camp; "Hit" of "the Hit district" is the same place either way)
        alone = gaz.resolve(pm.text, context)
        whole = gaz.resolve(around[0], context) if alone is not None and alone.kind != "region" else None
        if alone is None or alone.kind == "region" or (whole is not None and km_between(alone, whole) > 5):
            widers.append(around[0])
    for wider in widers:
        rows = gaz.candidates(wider)
        if rows and all(r.match == "exact" for r in rows):
            return gaz.resolve(wider, context)
    return None



def _split_mention(gaz: Gazetteer, mention: EventMention, context: GeoContext,
                   text: str, triggers: tuple[int, ...] = ()) -> tuple[list[EventMention], list[str]]:
    by_id: dict[str, tuple[Place, list[PlaceMention]]] = {}
    unresolved: list[str] = []
    clause_end = other_event_at(text, mention, triggers)
    own = [pm for pm in mention.places if not is_dateline(pm, text) and pm.span.start < clause_end]
    # A known place the extractor left out, written as the part of one it passed on ("the Eastern
    # Ghouta of Damascus", "Tell Rifaat in Aleppo countryside"): the more specific place is meant.
    scanned = [pm for pm in _scanned_places(gaz, mention, text, own, triggers) if not _tail_of_a_name(pm, text)] if own else []
    with_scanned = place_anchors(own + scanned, text)
    n_own = len(own)
    keep = {k for k in range(n_own, n_own + len(scanned)) if k in with_scanned and with_scanned[k][0] < n_own}
    # ... and the units a name it passed on is written in ("Bani X village (Harib District, Marib
    # Governorate)"), then the units those are in: the village must lie inside them; and the landmark it
    # is written with ("X south of Baghdad").
    frontier = list(range(n_own))
    while frontier:
        i = frontier.pop()
        j, relation = with_scanned.get(i, (-1, ""))
        if j >= n_own and relation == UNIT and j not in keep:
            keep.add(j)
            frontier.append(j)
        elif j >= n_own and relation == REFERENCE and _near_landmark(own[i] if i < n_own else scanned[i - n_own],
                                                                      scanned[j - n_own], text):
            keep.add(j)  # "the Triangle of Death south of Baghdad": the landmark that says which (and where) it is
    own += [scanned[k - n_own] for k in sorted(keep)]
    own = [pm for pm in own if not _end_of_a_long_road(gaz, pm, text, context)]
    anchors = place_anchors(own, text)
    for i, pm in enumerate(own):
        if any(j == i for j, _ in anchors.values()):
            continue  # names the district or the landmark another place is placed by, not a place of its own
        if i in anchors:
            j, relation = anchors[i]
            place = _resolve_anchored(gaz, pm, own[j], relation, context, text)
        else:
            place = resolve_place_mention(gaz, pm, context, text) or _inner_place(gaz, pm, context, text)
        if place is None:
            unresolved.append(pm.text)
            continue
        key = f"{place.place_id}:{place.geo_precision}"
        if key in by_id:
            by_id[key][1].append(pm)
        else:
            by_id[key] = (place, [pm])
    by_id = _without_border_qualifiers(by_id, text)
    if all(p.kind in COARSE_KINDS for p, _ in by_id.values()):
        # Only a country/province (or nothing) came with the mention: a known theatre place
        # written in the same sentence ("a drone attack on Tower 22 in Jordan") is where it
        # happened, provided it lies inside what the text already said.
        coarse = [p for p, _ in by_id.values()]
        scanned = [pm for pm in _scanned_places(gaz, mention, text, mention.places, triggers)
                   if not _tail_of_a_name(pm, text) and not _end_of_a_long_road(gaz, pm, text, context)]
        resolved = [resolve_place_mention(gaz, pm, context, text) for pm in scanned]
        # "<unknown village> (Jisr al-Shughur District, Idlib)": the district holds the village and the
        # governorate holds the district; a scanned name that only contains another scanned one, or is
        # the landmark that places it ("Al-Sukhnah, close to the base in Al-Tanf"), is not a place of its own.
        n_own = len(mention.places)
        chain = place_anchors([*mention.places, *scanned], text)
        for i, (j, rel) in chain.items():
            if i >= n_own and j >= n_own and rel == REFERENCE and None not in (resolved[i - n_own], resolved[j - n_own]) \
                    and _region_yields(gaz, resolved[i - n_own], resolved[j - n_own]):
                resolved[i - n_own] = replace(resolved[j - n_own], geo_precision=max(2, resolved[j - n_own].geo_precision))
        containers = {j - n_own for i, (j, rel) in chain.items()
                      if i >= n_own and j >= n_own and resolved[i - n_own] is not None and resolved[j - n_own] is not None
                      and (rel == UNIT or rel == REFERENCE and km_between(resolved[i - n_own], resolved[j - n_own]) <= _REFERENCE_KM
                           or rel == PARENT and resolved[j - n_own].kind not in COARSE_KINDS
                           and resolved[i - n_own].kind not in COARSE_KINDS
                           and _placed_by(resolved[i - n_own], resolved[j - n_own], rel, gaz.region_spans))}
        # "the Salah al-Din neighbourhood of Aleppo": a name its container places elsewhere is a namesake
        # (a locator word right after the name: a loose "in"/"of" further on does not contain it)
        namesakes = {i - n_own for i, (j, rel) in chain.items()
                     if i >= n_own and j >= n_own and rel == PARENT and None not in (resolved[i - n_own], resolved[j - n_own])
                     and _locator_after().match(text, scanned[i - n_own].span.end)
                     and not _placed_by(resolved[i - n_own], resolved[j - n_own], rel, gaz.region_spans)}
        landmarks = {(own[j].span.start, own[j].span.end) for j, _ in anchors.values()}
        for k, pm in enumerate(scanned):
            if is_dateline(pm, text) or k in containers or k in namesakes or (pm.span.start, pm.span.end) in landmarks:
                continue  # (a name that placed another one is its landmark or unit, not a place of its own)
            place = resolved[k]
            if place is None or not _inside_all(place, coarse, gaz.region_spans):
                continue
            if place.kind in COARSE_KINDS and (coarse or place.kind == "country" or len(text) > SHORT_ITEM_CHARS):
                # A governorate is taken only when nothing else placed a headline's event ("a village
                # in Hama countryside": the governorate, precision 3, rather than no place at all); in
                # a longer report such a mention is an elaboration (measured on the dev gold).
                continue
            by_id.setdefault(f"{place.place_id}:{place.geo_precision}", (place, []))[1].append(pm)
            unresolved = [u for u in unresolved if name_key(u) != name_key(pm.text)]
    by_id = _without_facility_namesakes(gaz, by_id, text, context, unresolved)
    by_id = _one_end_of_a_stretch(by_id, text)
    places = _drop_containers([p for p, _ in by_id.values()], gaz.region_spans)
    out = []
    for key, (place, pms) in by_id.items():
        if place not in places:
            continue
        note = f"geocode: {', '.join(repr(p.text) for p in pms)} -> {place.name}, {place.country} ({place.source})"
        if unresolved:
            note += f"; unresolved: {', '.join(map(repr, unresolved))}"
        out.append(_copy(mention, place, pms, note))
    if len(out) > 1:
        out = _scope_claims(out)
    return out, unresolved


_FACILITY_AFTER = re.compile(r"\s*(?:oil\s*field|oilfield|gas\s*field|field|air\s*base|airbase|base|airport|dam)s?\b", re.I)


def _without_facility_namesakes(gaz: Gazetteer, by_id: dict[str, tuple[Place, list[PlaceMention]]], text: str,
                                context: GeoContext, unresolved: list[str]) -> dict[str, tuple[Place, list[PlaceMention]]]:
    """"An attack on Al-Azraq Oilfield at the eastern banks of the Euphrates": a facility the gazetteer lacks is
    not a town of that name in another country (Jordan's Azraq) than the mention's other places, in a country
    the text does not name."""
    if len(by_id) < 2 or not text:
        return by_id
    named = {*context.countries, *context.article_countries, *gaz.demonym_countries(text)}
    kept = {}
    for key, (place, pms) in by_id.items():
        others = {p.country_code for k, (p, _) in by_id.items() if k != key}
        if place.kind not in FACILITY_KINDS and place.country_code not in named and place.country_code not in others \
                and all(_FACILITY_AFTER.match(text, pm.span.end) for pm in pms):
            unresolved.extend(pm.text for pm in pms)
            continue
        kept[key] = (place, pms)
    return kept


_ROAD_NAME = r"[A-Z][\w'\u2019-]*(?:\s+(?:al|as|ar|az|ad|el|[A-Z][\w'\u2019-]*))*"
_LONG_ROAD_KM = 250.0  # "the Manbij - Aleppo road" (80 km) is a stretch the event is on; "Tehran - Beirut" is a name


def _end_of_a_long_road(gaz: Gazetteer, pm: PlaceMention, text: str, context: GeoContext) -> bool:
    """"ISIS attacks the Tehran – Beirut road": a road named after cities far apart (or one the gazetteer cannot
    place) says nothing of where on it the attack was; neither end is the event's place (Beirut is not in Syria)."""
    if not text or text[pm.span.start:pm.span.end] != pm.span.text:
        return False
    after = re.match(rf"\s*[-\u2013\u2014]\s*({_ROAD_NAME})\s+(?:road|highway|motorway|route)\b", text[pm.span.end:pm.span.end + 60], re.I)
    before = re.search(rf"({_ROAD_NAME})\s*[-\u2013\u2014]\s*$", text[max(0, pm.span.start - 40):pm.span.start]) \
        if re.match(r"\s+(?:road|highway|motorway|route)\b", text[pm.span.end:pm.span.end + 12], re.I) else None
    if after is None and before is None:  # "the road of Tehran – Beirut": the road word before the two names
        road_before = re.search(r"\b(?:road|highway|route)\s+(?:of|between)\s+(?:the\s+)?$", text[max(0, pm.span.start - 30):pm.span.start], re.I)
        if road_before:
            after = re.match(rf"\s*[-\u2013\u2014]\s*({_ROAD_NAME})", text[pm.span.end:pm.span.end + 40])
        elif re.search(r"\b(?:road|highway|route)\s+(?:of|between)\s+(?:the\s+)?" + _ROAD_NAME + r"\s*[-\u2013\u2014]\s*$",
                       text[max(0, pm.span.start - 60):pm.span.start], re.I):
            before = re.search(rf"({_ROAD_NAME})\s*[-\u2013\u2014]\s*$", text[max(0, pm.span.start - 40):pm.span.start])
    other = after.group(1) if after else before.group(1) if before else None
    if other is None:
        return False
    here, there = gaz.resolve(pm.text, context), gaz.resolve(other, context)
    return here is None or there is None or km_between(here, there) > _LONG_ROAD_KM


_BORDER_AFTER = re.compile(r"\s*(?:border|borders|frontier)\b", re.I)


def _without_border_qualifiers(by_id: dict[str, tuple[Place, list[PlaceMention]]], text: str
                               ) -> dict[str, tuple[Place, list[PlaceMention]]]:
    """"Airstrikes east of the Euphrates near the Iraq border": a country named only before "border" says where
    the other place lies, it is no place of its own (no second event, no toll divided with it)."""
    if len(by_id) < 2 or not text:
        return by_id
    qualifiers = [key for key, (place, pms) in by_id.items()
                  if place.kind == "country" and all(_BORDER_AFTER.match(text, pm.span.end) for pm in pms)]
    if len(qualifiers) == len(by_id):
        return by_id
    return {key: value for key, value in by_id.items() if key not in qualifiers}


_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|villages?|cities|city)\s+of\s+)?$", re.I)
_COUNTRYSIDE_LIST = re.compile(r"\b(?:countrysides?|sectors)\s+of\s+(?:the\s+)?(?:[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?"
                               r"\s*(?:,\s*(?:and\s+)?|\s+and\s+))*$")
_BETWEEN_SECOND = re.compile(r"\bbetween\s+(?:the\s+)?[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,3}\s+and\s+(?:the\s+)?$", re.I)
# "the Manbij - Aleppo road", "the Salamiyah-Homs highway": a stretch between two towns
_ROAD_DASH = re.compile(r"^\s*[-\u2013\u2014/]\s*$")
_ROAD_AFTER = re.compile(r"\s*(?:road|highway|motorway|route|international road)\b", re.I)
_BETWEEN_AND = re.compile(r"^(?:\s+and\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?)$", re.I)


def _one_end_of_a_stretch(by_id: dict[str, tuple[Place, list[PlaceMention]]], text: str
                          ) -> dict[str, tuple[Place, list[PlaceMention]]]:
    """"A strike on the road between A and B" happened at one spot of the stretch, not at A and at B:
    one event, placed near the first name (precision at least 2), with its whole toll."""
    if len(by_id) < 2 or not text:
        return by_id
    key_of = {pm.span.start: key for key, (_p, pms) in by_id.items() for pm in pms}
    pms = sorted((pm for _p, group in by_id.values() for pm in group), key=lambda pm: pm.span.start)
    for first, second in zip(pms, pms[1:]):
        a, b = key_of[first.span.start], key_of[second.span.start]
        if a == b or b not in by_id or a not in by_id:
            continue
        between = text[first.span.end:second.span.start]
        if (_BETWEEN_BEFORE.search(text[max(0, first.span.start - 40):first.span.start]) and _BETWEEN_AND.match(between)) \
                or ((_ROAD_DASH.match(between) or (not between.strip() and re.search(r"[-\u2013\u2014]\s*$", first.text)))
                    and _ROAD_AFTER.match(text, second.span.end)):
            place, group = by_id[a]
            by_id[a] = (replace(place, geo_precision=max(2, place.geo_precision)), group + by_id.pop(b)[1])
    return by_id


def _scope_claims(split: list[EventMention]) -> list[EventMention]:
    """Give each place's event the casualty claims that are its own.

    A claim whose words name exactly one of the places ("12 were killed in and around
    Al-Mayadeen") belongs to that place only. A claim that names none or several is a total
    over all of them: every event keeps it as stated, with a share. A place that has its own
    figure takes that figure as its share; the rest of the total is divided evenly among the
    other places (remainder to the places named first), as ACLED divides aggregate tolls.
    """
    split = sorted(split, key=lambda m: min((pm.span.start for pm in m.places), default=0))
    owned: dict[int, list[CasualtyClaim]] = {i: [] for i in range(len(split))}
    totals: list[tuple[CasualtyClaim, list[int]]] = []
    countries = [m.place.country_code if m.place is not None else None for m in split]
    for claim in split[0].claims:
        clause = _claim_clause(claim)
        inside = [i for i, m in enumerate(split) if _names_place(clause, m)]
        if len(inside) != 1:
            inside = [i for i, m in enumerate(split) if _names_place(claim.quote.text, m)]
        among = list(range(len(split)))
        if len(inside) != 1 and len(set(countries)) > 1:
            # "struck 85 targets at seven locations in Iraq and Syria ... According to Iraqi government estimates, 16
            # were killed ... The Observatory said the strikes killed 29 (in Syria)": a claim naming no place is its own
            # country's (its claimant's, or the one its words name), not every country's
            own = _claim_country(claim, set(countries) - {None})
            among = [i for i, cc in enumerate(countries) if own is not None and cc == own] or among
            inside = among if len(among) == 1 else inside
        if len(inside) == 1:
            owned[inside[0]].append(claim)
        else:
            totals.append((claim, among))
    for claim, among in totals:
        killed = _shares(claim.killed, owned, "killed", among)
        injured = _shares(claim.injured, owned, "injured", among)
        for k, i in enumerate(among):
            owned[i].append(replace(claim, shared_by=len(among), killed_share=killed[k], injured_share=injured[k]))
    return [replace(m, claims=owned[i]) for i, m in enumerate(split)]


def _claim_country(claim: CasualtyClaim, countries: set[str]) -> str | None:
    """The one country (of ``countries``) a claim speaks for: its claimant's ("PMF", "Iraqi government estimates"), else
    the one its words name ("... in Syria", "the Syrian Observatory"); None when none or several."""
    registry = get_registry()
    who = claim.claimant or ""
    actor = registry.resolve(who) if who else None
    found = {actor.country} if actor is not None and actor.country else set()
    if not found:
        found = _countries_of_words(registry, who)
    if not found & countries:
        found = _countries_of_words(registry, claim.quote.text)
    found &= countries
    return next(iter(found)) if len(found) == 1 else None


def _countries_of_words(registry: ActorRegistry, text: str) -> set[str]:
    """The countries the capitalised words of ``text`` name, by demonym ("Iraqi") or name ("Syria")."""
    return {cc for word in re.findall(r"[A-Z][\w'’-]+", text)
            if (cc := registry.demonym_of(word) or registry.country_named(word))}


def _shares(total: int | None, owned: dict[int, list[CasualtyClaim]], field: str, among: list[int]) -> list[int | None]:
    """The shares of ``total`` of the events ``among`` (in that order)."""
    if total is None:
        return [None] * len(among)
    own = {i: min(v) for i in among if (v := [getattr(c, field) for c in owned[i] if getattr(c, field) is not None])}
    rest = [i for i in among if i not in own]
    remaining = max(total - sum(own.values()), 0)
    shares = {i: min(own[i], total) for i in own}
    for k, i in enumerate(rest):
        shares[i] = remaining // len(rest) + (1 if k < remaining % len(rest) else 0)
    return [shares[i] for i in among]


def _claim_clause(claim: CasualtyClaim) -> str:
    """The words from the claim's figure to the end of its clause ("12 fighters were killed in and
    around Al-Mayadeen"), where a place that owns the figure is named; "" when the figure is not found."""
    text = claim.quote.text
    start = casualty_figure_at(text, [claim])
    if start is None:
        return ""
    end = re.search(r"[,;.…]|\s(?:and|while)\s+(?!(?:the|its|in|around|near|of|on|at|an?)\b)(?=[a-z\d])|$", text[start:]).start()
    return text[start:start + end]


def _names_place(words: str, mention: EventMention) -> bool:
    """Do the claim's words name this event's place (as written in the sentence, or its gazetteer name)?"""
    names = {pm.text for pm in mention.places} | ({mention.place.name} if mention.place else set())
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", words, re.I) for name in names if len(name) >= 3)


# --------------------------------------------------------------------------- datelines and anchors

# "Sinun in the Sinjar district", "the Mashtal district of eastern Baghdad", "Hit, in Anbar province",
# "Kani Masi, close to the Turkish border in Amedi district": the second name contains the first.
_PARENT_BETWEEN = re.compile(
    r"^\s*(?:(?:district|area|neighbou?rhood|suburb|quarter|village|town|region|sub-?district)\s+)?,?\s*"
    r"(?:[^.;:()\u2026]{0,40}?\s)?(?:in|of|inside)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|central\s+)?$",
    re.I)
# "Hawija, west of Kirkuk", "Akashat, a remote town about 100 kilometres south-west of Al-Qaim":
# the second name is a landmark that places the first one.
# "the desert of Al-Sukhnah, close to the Coalition's base in Al-Tanf": a landmark named to say where.
_REFERENCE_BETWEEN = re.compile(
    r"^\s*,?\s*(?:[^.;:()\u2026]{0,70}?\s)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
    r"|(?:close to|not far from|away from)\s+[^.;:()\u2026]{0,40}?)$",
    re.I)
# "Kafr Zeita (Muhradah District, Hama Governorate)", "Qarqur village (Jisr al-Shughur district)": the
# names in brackets after a place contain it, as do "Mubarakiyah, Tarmiyah district" and "Muhradah District,
# Hama" (a unit word on one side of the comma says which).
_BRACKET_BETWEEN = re.compile(r"^\s*(?:(?:village|town|city|area|neighbou?rhood|camp)\s+)?\(\s*(?:the\s+)?$", re.I)
_UNIT_WORD = r"(?:sub-?district|district|governorate|province|nahiya|nahia|muhafazah|qadaa?|qada'a)"
_UNIT_COMMA_BETWEEN = re.compile(rf"^\s*(?:(?:{_UNIT_WORD}|village|town|area|neighbou?rhood)\s*)?,\s*(?:the\s+)?$", re.I)
_LIST_WORDS = re.compile(r"\b(?:and|or|while|but|then)\b|;", re.I)
# UNIT: the administrative units a coder's note places a name in ("X (District, Governorate)", "X, Y district")
PARENT, REFERENCE, UNIT = "parent", "reference", "unit"
_REFERENCE_KM = 200.0  # "100 kilometres south-west of Al-Qaim" is still placed by Al-Qaim
_PARENT_KM = 60.0  # a district or city contains what lies within this distance of its point


def is_dateline(pm: PlaceMention, text: str) -> bool:
    """Is this name the place of a wire dateline at the head of a paragraph ("BAGHDAD - ...",
    "BEIRUT, March 21, 2017 (AFP) -", "Beirut (AFP) -")?"""
    if not text or text[pm.span.start:pm.span.end] != pm.span.text:
        return bool(re.fullmatch(r"[A-Z][A-Z .'-]+\s*[-\u2013\u2014]", pm.text.strip()))
    line_start = text.rfind("\n", 0, pm.span.start) + 1
    if text[line_start:pm.span.start].strip():
        return False
    line_end = text.find("\n", pm.span.start)
    line = text[pm.span.start:line_end if line_end >= 0 else len(text)]
    found = news_dateline(line)
    return found is not None and len(re.sub(r"[\s\-\u2013\u2014]+$", "", pm.text)) <= found.end("place")


def _without_datelines(text: str) -> str:
    """The text with the place of every paragraph's wire dateline blanked (offsets unchanged)."""
    out = []
    for line in text.splitlines(keepends=True):
        found = wire_dateline(line)
        if found is not None:
            line = " " * found.end("place") + line[found.end("place"):]
        out.append(line)
    return "".join(out)


def place_anchors(pms: list[PlaceMention], text: str) -> dict[int, tuple[int, str]]:
    """index of a name -> (index of the name that contains or places it, PARENT, UNIT or REFERENCE)."""
    anchors: dict[int, tuple[int, str]] = {}
    if not text:
        return anchors
    order = sorted(range(len(pms)), key=lambda k: pms[k].span.start)
    for a, b in zip(order, order[1:]):
        first, second = pms[a].span, pms[b].span
        if text[first.start:first.end] != first.text or text[second.start:second.end] != second.text:
            continue
        between = text[first.end:second.start]
        if _LIST_WORDS.search(between):
            continue
        # "Balad air base north of Baghdad": a direction places, it does not contain.
        if _REFERENCE_BETWEEN.match(between):
            anchors[a] = (b, REFERENCE)
        elif _BRACKET_BETWEEN.match(between):
            anchors[a] = (b, UNIT)
        elif _PARENT_BETWEEN.match(between):
            anchors[a] = (b, PARENT)
        elif _UNIT_COMMA_BETWEEN.match(between) and (
                re.match(rf"\s*{_UNIT_WORD}\b", between, re.I) or re.match(rf"\s*{_UNIT_WORD}\b", text[second.end:], re.I)
                or re.search(r"\(\s*$", text[max(0, first.start - 3):first.start])
                or re.search(rf"\b{_UNIT_WORD}$", first.text, re.I) or re.search(rf"\b{_UNIT_WORD}$", second.text, re.I)):
            anchors[a] = (b, UNIT)
    return anchors


def _resolve_anchored(gaz: Gazetteer, pm: PlaceMention, anchor_pm: PlaceMention, relation: str,
                      context: GeoContext, text: str) -> Place | None:
    """A name placed by another: it must lie inside (or near) that other place, else the other
    place itself stands for it (precision 2) -- never a look-alike elsewhere."""
    anchor = resolve_place_mention(gaz, anchor_pm, context, text)
    if anchor is None:
        return resolve_place_mention(gaz, pm, context, text)
    place = resolve_place_mention(gaz, pm, context, text)
    if place is not None and relation == REFERENCE and _region_yields(gaz, place, anchor):
        return replace(anchor, geo_precision=max(2, anchor.geo_precision))
    if place is not None and _placed_by(place, anchor, relation, gaz.region_spans):
        return place
    inside = replace(context, required_country=anchor.country_code,
                     required_admin1=anchor.admin1 if anchor.admin1 else context.required_admin1)
    place = resolve_place_mention(gaz, pm, inside, text)
    if place is not None and _placed_by(place, anchor, relation, gaz.region_spans):
        return place
    precision = 3 if anchor.kind in COARSE_KINDS else 2
    return replace(anchor, geo_precision=precision)


def _near_landmark(pm: PlaceMention, landmark: PlaceMention, text: str) -> bool:
    """"X south of Baghdad", "X, 30 km west of Y": the landmark written right after the name (no clause between)."""
    return len(text[pm.span.end:landmark.span.start]) <= 50


def _region_yields(gaz: Gazetteer, place: Place, landmark: Place) -> bool:
    """"The Jazira desert west of Samarra": a wide region's own point says less than the town (or a governorate's
    part: "west of Aleppo city" read as its western countryside) it is placed by, when that lies in a governorate
    the region reaches over and far from the region's point."""
    return place.kind == "region" and landmark.kind not in ("country", "admin1") and landmark.place_id not in gaz.region_spans \
        and landmark.admin1 in gaz.region_spans.get(place.place_id, ()) and km_between(place, landmark) > _PARENT_KM


def _placed_by(place: Place, anchor: Place, relation: str, region_spans: dict[str, frozenset[str]] | None = None) -> bool:
    if relation == REFERENCE:
        return km_between(place, anchor) <= _REFERENCE_KM
    if place.country_code != anchor.country_code:
        return False
    if anchor.kind == "country":
        return True
    if place.admin1 and anchor.admin1:
        if place.admin1 != anchor.admin1:
            # "the Afrin region of northwest Syria": a region stands for one governorate's theatre, but a town of
            # another governorate it reaches over (its `spans:` in knowledge/places) is still in it
            spans = region_spans or {}
            if anchor.kind not in COARSE_KINDS and km_between(place, anchor) <= _PARENT_KM \
                    and place.admin1 in spans.get(admin1_key(anchor.country_code, anchor.admin1), ()):
                return True  # "the Ghouta of Damascus": the city's suburbs are Rural Damascus (admin1.yaml suburbs_in)
            return anchor.kind == "region" and place.admin1 in spans.get(anchor.place_id, ())
        return anchor.kind in ("admin1", "region") or km_between(place, anchor) <= _PARENT_KM
    return km_between(place, anchor) <= _PARENT_KM


@lang.derived
def _other_event(words: lang.Words) -> re.Pattern[str]:
    nouns = "|".join(sorted(map(re.escape, words.words("other_event_nouns")), key=len, reverse=True))
    return re.compile(rf"\s(?:and|while|amid)\s+(?:(?:the|a|an|more|new|renewed|continued|continuous|violent|"
                      rf"heavy|intense|intensive|\w+ly|[\w-]+al)\s+)*(?:{nouns})\b", re.I)


@lang.derived
def _other_armed_event(words: lang.Words) -> re.Pattern[str]:
    """"... and artillery shelling targets Y", "... and the Russian airstrikes kill": an event noun with the
    weapon or side words of lang/clauses.yaml second_clause_modifiers, and a verb of its own (clause_verbs)."""
    nouns = "|".join(sorted(map(re.escape, words.words("other_event_nouns")), key=len, reverse=True))
    qualifiers = "|".join(sorted(map(re.escape, words.words("second_clause_modifiers")), key=len, reverse=True))
    verbs = "|".join(sorted(map(re.escape, words.words("clause_verbs")), key=len, reverse=True))
    return re.compile(rf"\s(?:and|while|amid)\s+(?:(?:the|a|an|more|new|renewed|continued|continuous|violent|"
                      rf"heavy|intense|intensive|{qualifiers}|\w+ly|[\w-]+al)\s+)+(?:{nouns})\s+(?:{verbs})\b", re.I)


def other_event_at(text: str, mention: EventMention, triggers: tuple[int, ...] = ()) -> int:
    """Where another event's phrase opens after this one's trigger in its sentence ("... targets Daraa
    city and clashes in the countryside of Aleppo"): the places after it are that event's.  A phrase
    with weapon words ("and artillery shelling targets Y") only when it is an event mention of its own
    (a trigger in ``triggers``): else its places stay this event's rather than nobody's."""
    quote_end = mention.quote.end if mention.quote.text else len(text)
    found = _other_event().search(text, mention.trigger.end, quote_end)
    ends = [found.start()] if found else []
    qualifiers = lang.words().words("second_clause_modifiers")
    for armed in _other_armed_event().finditer(text, mention.trigger.end, quote_end):
        before = re.search(r"([\w-]+)\W*$", text[max(0, armed.start() - 30):armed.start()])
        if not any(armed.start() < t < armed.end() for t in triggers):
            continue
        if text[mention.trigger.end:armed.start()].strip() and (
                before is None or before.group(1).lower().removesuffix("s") not in qualifiers):
            # not "aerial and artillery shelling", "missiles and rocket shells", nor a second subject of the
            # same verb ("Bombings and air raids kill four in X")
            ends.append(armed.start())
            break
    return min(ends, default=len(text))


# Where a clause of a headline ends and the next opens: "Casualties in X and the regime forces shell Y",
# "Explosion in X … shelling targets Y".
_CLAUSE_BREAK = re.compile(r"\s(?:and|while|as)\s+|\s*(?:…|\.{2,})\s*")
_LEAD_WORDS = re.compile(r"(?:[\w'\u2019-]+\s+){0,4}")


def own_clause_start(gaz: Gazetteer, text: str, mention: EventMention, triggers: tuple[int, ...] = ()) -> int:
    """Where the trigger's own clause opens when an earlier clause of its sentence, with an event mention
    of its own (a trigger in ``triggers``), ends right before it; else the quote's start.  The trigger opens a clause of its own after "and" (or "…") when it is a
    verb with its own subject ("... in X and the regime forces shell Y") or a noun that a verb follows
    ("... in X and shelling targets Y"); not when the words before it only qualify it ("aerial and
    artillery shelling").  Between the break and the trigger: at most four words, none a known place
    or a preposition."""
    quote_start = mention.quote.start if mention.quote.text else 0
    lo = max(quote_start, mention.trigger.start - 60)
    breaks = list(_CLAUSE_BREAK.finditer(text, lo, mention.trigger.start))
    if not breaks or breaks[-1].start() <= quote_start \
            or not any(quote_start <= t < breaks[-1].start() for t in triggers if t != mention.trigger.start):
        return quote_start
    lead = text[breaks[-1].end():mention.trigger.start]
    if not _LEAD_WORDS.fullmatch(lead) or re.search(r"\b(?:in|on|of|at|near|from|to|into|over|by|with|and)\s", lead, re.I) \
            or gaz.find_names(lead):
        return quote_start
    lw = lang.words()
    trigger = mention.trigger.text.lower()
    nouns = lw.words("other_event_nouns") | lw.words("second_clause_nouns")
    filler = lw.words("clause_lead_filler") | lw.words("second_clause_modifiers")
    subject = [w for w in lead.lower().split() if w not in filler]
    after = re.match(r"\s+([a-z]+)", text[mention.trigger.end:mention.trigger.end + 20])
    if trigger in nouns:
        opens = after is not None and after.group(1) in lw.words("clause_verbs")
    else:
        opens = bool(subject)  # "the regime forces shell": a verb with its own subject
    return breaks[-1].start() if opens else quote_start


_ORIGIN_BEFORE = re.compile(r"(?<!away )(?<!far )\bfrom\s+(?:the\s+)?(?:(?:city|town|village|province)\s+of\s+)?$", re.I)


def _scanned_places(gaz: Gazetteer, mention: EventMention, text: str,
                    known: list[PlaceMention], triggers: tuple[int, ...] = ()) -> list[PlaceMention]:
    """Gazetteer names in the mention's quote that the extractor did not pass on; not those of an earlier
    clause that tells an event of its own (``triggers``: where the sentence's event mentions start) when
    the mention's own clause names a place the gazetteer knows ("Explosion in X leaves casualties and shelling
    targets Y": X is the explosion's; "bomb Afrin and the shelling raises the toll in the area": Afrin is the
    shelling's; "clashes in Daraa countryside and shelling on a village in <unknown> area": Daraa's, the
    governorate, rather than no place at all)."""
    quote = mention.quote
    if not quote.text or text[quote.start:quote.end] != quote.text:
        return []
    found = []
    clause_end = other_event_at(text, mention, triggers)
    for start, end, surface in gaz.find_names(quote.text):
        a, b = quote.start + start, quote.start + end
        if any(k.span.start < b and a < k.span.end for k in known) or a >= clause_end:
            continue
        if _ORIGIN_BEFORE.search(text, max(0, a - 30), a):
            continue  # "gunmen coming from Mosul", "displaced from X": where they came from, not where it happened
        found.append(PlaceMention(text=surface, span=Span(a, b, surface), cue=""))
    clause_start = own_clause_start(gaz, text, mention, triggers)
    if any(pm.span.start >= clause_start for pm in found) \
            or any(pm.span.start >= clause_start and gaz.candidates(pm.text) for pm in known):
        found = [pm for pm in found if pm.span.start >= clause_start]
    return found


_INNER_TAIL = re.compile(r"^\s*(?:[-\u2013\u2014:(]|(?:region|province|governorate|area|district)\b)", re.I)


def _inner_place(gaz: Gazetteer, pm: PlaceMention, context: GeoContext, text: str) -> Place | None:
    """A mention that resolves as a whole to nothing but holds one known place name ("Manbij - Defence
    Ministry", "Syria Afrin region"): that place, with the cue of the whole mention."""
    inner = [(s, e, surface) for s, e, surface in gaz.find_names(pm.text) if (s, e) != (0, len(pm.text))]
    if len(inner) != 1:
        return None
    s, e, _ = inner[0]
    surface = pm.text[s:e].rstrip(" -\u2013\u2014")  # the scan keeps "Manbij -" of "Manbij - Defence Ministry"
    e = s + len(surface)
    before, after = pm.text[:s].strip(), pm.text[e:]
    if before and gaz.country_code(re.sub(r"['\u2019]s?$", "", before)) is None:
        return None  # "Tell Zarzour": a word of an unknown name, not a known place
    if after.strip() and not _INNER_TAIL.match(after):
        return None
    offset = pm.span.start if text[pm.span.start:pm.span.end] == pm.span.text else 0
    sub = replace(pm, text=surface, span=Span(offset + s, offset + e, surface))
    return resolve_place_mention(gaz, sub, context, text if offset else "")


def _inside_all(place: Place, coarse: list[Place], region_spans: dict[str, frozenset[str]] | None = None) -> bool:
    for c in coarse:
        if c.country_code != place.country_code:
            return False
        if c.kind in ("admin1", "region") and c.admin1 and c.admin1 != place.admin1 \
                and place.admin1 not in (region_spans or {}).get(c.place_id, ()):
            return False  # a region inside one governorate ("the northern countryside of Hama") too; one reaching
            # over several (the Syrian Desert) holds a place in any of them ("... on Deir Ezzor Desert")
    return True


def _drop_containers(places: list[Place], region_spans: dict[str, frozenset[str]] | None = None) -> list[Place]:
    """A country or province that contains another resolved place is context, not a second event; so is
    a region reaching over several governorates (``region_spans``) beside a place in one of them."""
    kept = []
    spans = region_spans or {}
    for p in places:
        inner = [q for q in places if q is not p and q.country_code == p.country_code]
        reach = spans.get(p.place_id) if p.kind == "region" else None
        if reach and any(q.admin1 in reach and q.kind != "country" and q.place_id not in spans for q in inner):
            continue  # "a suicide attack within the Putin - Erdogan area in Hama countryside": one event, in Hama
        if p.kind == "country" and inner:
            continue
        if p.kind in ("admin1", "region") and any(q.admin1 == p.admin1 and q.kind not in ("admin1", "region", "country")
                                                  for q in inner):
            continue
        if p.kind == "region" and any(q.kind == "admin1" and q.admin1 == p.admin1 and km_between(p, q) < 1 for q in inner):
            continue  # "Daraa province, south Syria": a wire's part of the country that stands for the governorate
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


_SHARED_CONTAINER = re.compile(
    r"(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)*\s+"
    r"(provinces|governorates|countryside|countrysides)\b")


def _cue_words(pm: PlaceMention, text: str) -> set[str]:
    """Words that say what kind of place and how exact: the extractor's cue plus the text around the name."""
    cue = (pm.cue or "").strip().lower()
    words = set(cue.split())
    if re.search(r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)\w* of$", cue):
        words.add("direction of")
    if "air base" in cue:
        words.add("airbase")
    if not text or text[pm.span.start:pm.span.end] != pm.span.text:
        return words
    after = text[pm.span.end:pm.span.end + 30].lower()
    m = re.match(r"\s*(air base|airbase|airfield|air field|base|garrison|outpost|field|fields|airport|province|"
                 r"governorate|district|countryside|countrysides|outskirts|area|desert|sector|front|mountains)\b", after)
    if m:
        words.add(m.group(1).replace("air base", "airbase").replace("air field", "airfield"))
    if re.match(r"(?:['\u2019]s)?\s+(?:(?:north|south|east|west)(?:ern)?\s+)?countrysides?\b", after):
        words.add("countryside")  # "Aleppo's western countryside"
    # "Idlib and Hama provinces", "both Hama and Idlib countryside": the plural or shared noun after the
    # last name of a list is said of every name in it.
    m = _SHARED_CONTAINER.match(text, pm.span.end)
    if m:
        words.add({"provinces": "province", "governorates": "governorate"}.get(m.group(1).lower(), m.group(1).lower()))
    before = text[max(0, pm.span.start - 40):pm.span.start].lower()
    # "the desert of Deir Ezzor", "the eastern suburbs of the capital Damascus", "the mountains of Latakia"
    m = re.search(r"(near|outside|around|close to|countryside|(?:outskirts|countryside|vicinity|suburbs?|environs|periphery|edge|"
                  r"surroundings|desert|deserts|badia|mountains) of|"
                  r"(?:north|south|east|west|northeast|northwest|southeast|southwest) of)\s+(?:the\s+)?"
                  r"(?:(?:capital|city of|town of)\s+)?$", before)
    if m:
        words.add("near")
        if m.group(1) in ("countryside", "countryside of", "mountains of", "desert of", "deserts of", "badia of"):
            words.add(m.group(1).split()[0].rstrip("s") if m.group(1).startswith("desert") else m.group(1).split()[0])
    if re.search(r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+$", before):
        words.add("near")  # "west Daraa", "north Hama": the part of the area, not the town itself
    if _BETWEEN_SECOND.search(before):
        words.add("near")  # "between Al-Bab and Manbij": somewhere on the stretch, not in Manbij
    if _in_a_list_of_governorates(pm, text):
        words.add("province")  # "clashes in Hama, Idlib and Aleppo": provinces, not three cities at precision 1
    if _COUNTRYSIDE_LIST.search(text[max(0, pm.span.start - 80):pm.span.start]):
        words |= {"near", "countryside"}  # "the countryside (the sectors) of Hama, Idlib, and Latakia": each one's countryside
    if re.search(r"\brural\s+$", before):
        words.add("rural")
    return words


_NAME = r"(?:(?:al|el|Al|El)-)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?"
_LIST_BEFORE = re.compile(rf"(?:{_NAME}(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+))+$")
_LIST_AFTER = re.compile(rf"(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+){_NAME})+")


def _in_a_list_of_governorates(pm: PlaceMention, text: str) -> bool:
    """"in Idlib and Hama", "clashes in Hama, Idlib and Aleppo": a list of two or more names that each name a
    governorate, no "city" after it and none of them a town only: the provinces."""
    if not text or text[pm.span.start:pm.span.end] != pm.span.text:
        return False
    before = _LIST_BEFORE.search(text, max(0, pm.span.start - 80), pm.span.start)
    after = _LIST_AFTER.match(text, pm.span.end)
    if before is None and after is None:
        return False
    start = before.start() if before else pm.span.start
    end = after.end() if after else pm.span.end
    if re.match(r"\s*(?:cities|city|towns|town|villages|neighbou?rhoods?|countrysides?|deserts?|mountains|sectors?|"
                r"outskirts|suburbs|fronts?|areas)\b", text[end:end + 15], re.I) \
            or re.search(r"\b(?:countrysides?|deserts?|mountains|sectors?|outskirts|suburbs|between)\s+(?:of\s+)?(?:the\s+)?$",
                         text[max(0, start - 25):start], re.I) \
            or re.search(r"\b(?:city|town|cities|towns|capital)\s+(?:of\s+)?$", text[max(0, start - 12):start], re.I) \
            or re.search(rf"\b{_DIRECTION_WORD}\s+(?:part\s+)?of\s+(?:the\s+)?$", text[max(0, start - 20):start], re.I):
        return False  # ("the north of Homs and Hama": each one's northern countryside)
    names = [n.strip() for n in re.split(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+", text[start:end]) if n.strip()]
    gaz = get_gazetteer()
    return len(names) >= 2 and all(any(r.place.kind == "admin1" and r.match == "exact" for r in gaz.candidates(n))
                                   for n in names)


def _dateline_country(gaz: Gazetteer, mention: EventMention, context: GeoContext, text: str) -> Place | None:
    """Last resort: the dateline's country, when the sentence itself names that country
    ("BAGHDAD - Kataib Hezbollah, ... armed groups in Iraq, announced ...") -- precision 3."""
    for pm in [*mention.places, *_scanned_places(gaz, mention, text, mention.places)]:
        if not is_dateline(pm, text):
            continue
        place = gaz.resolve(re.sub(r"[\s\-\u2013\u2014]+$", "", pm.text), context)
        if place is not None and place.country_code in context.countries:
            country = gaz.resolve_country(place.country_code)
            return replace(country, geo_precision=3) if country else None
    return None


def _headline_country(gaz: Gazetteer, title: str | None, article_countries: tuple[str, ...]) -> Place | None:
    """The country the headline puts its news in ("... kill civilians in eastern Syria"), for an
    event whose place is named but unknown to the gazetteer ("killed 56 civilians in the village of
    Tokhar"), when the text names no other country.  Precision 3: the village is somewhere there.
    Only a named place gets it: an event that names none is, in a longer report, an elaboration of
    a placed one, and the headline's country would make it a second event."""
    headline = _sentence_country(gaz, title) if title else None
    if headline is None or not set(article_countries) <= {headline.country_code}:
        return None
    return headline


def _sentence_country(gaz: Gazetteer, sentence: str) -> Place | None:
    """The country the sentence puts the event in ("in Syria", "across eastern Syria"), if exactly one."""
    located: list[str] = []
    for start, _, cc in gaz.country_mentions(sentence):
        if re.search(rf"\b{_LOCATIVE}$", sentence[max(0, start - 40):start], re.I) and cc not in located:
            located.append(cc)
    for m in _unnamed_areas().finditer(sentence):  # "in several Yemeni provinces", "across Syrian territory"
        located += [cc for cc in gaz.demonym_countries(m.group(1)) if cc not in located]
    if len(located) != 1:
        return None
    country = gaz.resolve_country(located[0])
    return replace(country, geo_precision=3) if country else None


@lang.derived
def _unnamed_areas(words: lang.Words) -> re.Pattern[str]:
    counts = lang.alternation(words.words("unnamed_area_counts"))
    return re.compile(rf"\b(?:in|across|throughout|over)\s+(?:(?:{counts}|the|\d+)\s+)?([A-Z]\w+)\s+"
                      rf"(?:{lang.alternation(words.words('unnamed_area_nouns'))})\b")


def _statement_country(gaz: Gazetteer, statement: Statement) -> Statement:
    """Normalise a statement's country to the gazetteer's country name when it names one."""
    if not statement.country:
        return statement
    cc = gaz.country_code(statement.country)
    country = gaz.resolve_country(cc) if cc else None
    return replace(statement, country=country.name) if country else statement
