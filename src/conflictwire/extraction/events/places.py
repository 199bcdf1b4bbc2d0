"""Place mentions in an event's clause: locative prepositions ("in", "near", "south of",
"the outskirts of") with a proper name or a named facility, containers ("Idlib province"),
conjoined names, a fronted place, locators that are not second places; whole-country names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from conflictwire import lang
from conflictwire.extraction.events.arguments import Args
from conflictwire.extraction.syntax import TIME_WORDS, clause_tokens, pobj_of, token_span
from conflictwire.models import PlaceMention, Sentence, Span


_PLACE_PREPS = {"in", "near", "at", "outside", "around", "inside", "across", "within", "throughout", "into", "from", "over"}
# what strikes a place: "shelling on X", "the massacre of X" (the event's own noun or verb takes "on" too)
_STRIKE_NOUNS = frozenset({"shelling", "bombardment", "bombing", "strike", "airstrike", "raid", "attack", "assault",
                           "massacre", "offensive", "barrel", "shell", "rocket", "missile", "fire"})
_DIRECTIONS = re.compile(r"^(north|south|east|west)(east|west)?(ern)?$|^(northeast|northwest|southeast|southwest)(ern)?$", re.I)


@lang.derived
def _person_roles(words: lang.Words) -> frozenset[str]:
    """A person's role, for an organisation or a place: lang/people.yaml role_nouns and place_role_nouns."""
    return words.words("role_nouns") | words.words("place_role_nouns")


def containers() -> dict[str, str]:
    """Nouns a place name is written with, and the cue each gives: lang/places.yaml ``containers``."""
    return lang.words().table("containers")  # type: ignore[return-value]


FACILITY_NOUNS = {
    "base", "airbase", "airfield", "airport", "camp", "field", "oilfield", "crossing", "dam", "refinery",
    "complex", "hospital", "port", "bridge", "compound", "embassy", "consulate", "checkpoint", "university",
    "mosque", "market", "square", "street", "road", "highway", "prison", "palace", "station", "plant",
    "garrison", "outpost", "barracks",
}
NON_PLACE_ENTS = {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PERSON", "WORK_OF_ART", "LAW", "EVENT"}


def place_name_bounds(tok) -> tuple[int, int] | None:
    """Token bounds of a proper place name headed by ``tok``, or None when it is not one."""
    doc = tok.doc
    is_facility = tok.lemma_.lower() in FACILITY_NOUNS or tok.lower_ in FACILITY_NOUNS
    proper = tok.pos_ == "PROPN" and tok.ent_type_ not in NON_PLACE_ENTS
    if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON" and tok.ent_iob_ != "":
        proper = True  # the small model often labels Iraqi towns as people; the cue says place
    if tok.ent_type_ in ("DATE", "TIME"):
        return None
    if tok.ent_type_ in _MISLABELLED_ENTS and tok.pos_ == "PROPN" and _located(tok) and _gazetteer_knows(tok.text):
        proper = True  # "a bombing in Samarra": the small model calls Arabic town names NORP or PRODUCT
    elif tok.ent_type_ == "NORP":
        return None
    elif not proper and tok.pos_ == "NOUN" and tok.text[:1].isupper() and tok.i > tok.sent.start \
            and _located(tok) and _gazetteer_knows(tok.text):
        proper = True  # "the northern countryside of Homs": the small model tags some town names as common nouns
    if tok.pos_ == "PROPN" and appositive_facility(tok):
        # "Tower 22, a small US military outpost": the apposition says it is a place
        lo = min([tok.i] + [c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"])
        hi = max([tok.i] + [c.i for c in tok.children if c.dep_ == "nummod" and c.i == tok.i + 1])
        return lo, hi
    lo = tok.i
    while lo - 1 >= 0:
        prev = doc[lo - 1]
        if prev.head.i != tok.i and prev.head.i not in range(lo - 1, tok.i + 1):
            break
        if prev.pos_ == "PROPN" or prev.text in ("-", "–") or (prev.lower_ in ("al", "el", "ad", "ar", "as", "az", "an", "ash")):
            lo -= 1
        elif is_facility and prev.pos_ in ("NOUN", "ADJ") and prev.dep_ in ("compound", "amod") and prev.lower_[:1].isalpha() and not _DIRECTIONS.match(prev.lower_):
            lo -= 1
        else:
            break
    has_proper = any(doc[i].pos_ == "PROPN" for i in range(lo, tok.i + 1))
    if proper or (is_facility and has_proper):
        while lo < tok.i and doc[lo].text in ("-", "–"):
            lo += 1
        return lo, tok.i
    return None


# Entity labels the small model gives place names after "in"/"near" ("in Samarra" -> NORP, "in Harasta"
# -> NORP, "near Saraqib" -> PRODUCT): such a name is a place when the gazetteer knows it.
_MISLABELLED_ENTS = frozenset({"NORP", "LANGUAGE", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})


def _located(tok) -> bool:
    """``tok`` (or the name it ends) is the object of a locative preposition ("in X", "near X") or
    names a container ("the town of X", "the village of X")."""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    return tok.dep_ == "pobj" and (prep.lower_ in _PLACE_PREPS or prep.lower_ == "of" and prep.head.lower_ in containers())


def _gazetteer_knows(name: str, exact: bool = False) -> bool:
    """A place name of the gazetteer, and no country's (``exact``: by one of its names, not a spelling like it)."""
    from conflictwire.gazetteer import get_gazetteer  # lazy: the index opens on first use

    gazetteer = get_gazetteer()
    rows = gazetteer.candidates(name)
    if exact:
        rows = [r for r in rows if r.match == "exact"]
    return bool(rows) and gazetteer.country_code(name) is None


def _known_town_object(tok) -> bool:
    """"Air strikes target Saraqib": the small model calls some town names organisations; a capitalised
    one-word object the gazetteer knows as a place (and no country) is the place struck."""
    return tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ in ("ORG", "") and tok.text[:1].isupper() \
        and tok.i > tok.sent.start and not any(c.dep_ == "compound" for c in tok.children) \
        and _gazetteer_knows(tok.text, exact=True)


def appositive_facility(tok) -> bool:
    return any(c.dep_ == "appos" and (c.lemma_.lower() in FACILITY_NOUNS or c.lower_ in FACILITY_NOUNS) for c in tok.children)


def _places_from(pobj, cue: str, sentence: Sentence, out: list[PlaceMention], depth: int = 0) -> None:
    if pobj is None or depth > 3:
        return
    low = pobj.lower_
    if low in (found := containers()):
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        extra = found[low]
        # "in Idlib province", "the Al-Qaim area of Anbar province": a name compounded on the container
        names = [c for c in pobj.children if c.dep_ in ("compound", "amod", "poss")
                 and (c.pos_ == "PROPN" or c.pos_ in ("NOUN", "ADJ") and c.text[:1].isupper() and c.i > c.sent.start
                      and _gazetteer_knows(c.text, exact=True))  # "western Aleppo countryside": Aleppo tagged a noun
                 and not (c.dep_ == "poss" and any(g.tag_ == "POS" for g in c.children))]  # "Deir ez-Zor city", not "Baghdad's"
        if of is not None:
            if not names:
                _places_from(pobj_of(of), f"{cue} {extra}".strip() if extra else cue, sentence, out, depth + 1)
                return
            if low not in ("district", "area", "suburb", "suburbs", "neighbourhood", "neighborhood"):
                _places_from(pobj_of(of), cue, sentence, out, depth + 1)
            # else "the Mashtal district of eastern Baghdad": Baghdad only locates the district
        if names:
            lo = min(t.i for t in names[0].subtree)
            hi = max(t.i for t in names[-1].subtree)
            span = token_span(sentence, pobj.doc, lo, hi)
            if not any(p.span.start == span.start for p in out):
                out.append(PlaceMention(text=span.text, span=span, cue=f"{cue} {low}".strip()))
        _conjoined_places(pobj, cue, sentence, out, depth)  # "on Latakia mountains and the countryside of X"
        return
    bounds = place_name_bounds(pobj)
    if bounds is not None:
        lo, hi = bounds
        span = token_span(sentence, pobj.doc, lo, hi)
        if not any(p.span.start == span.start for p in out):
            out.append(PlaceMention(text=span.text, span=span, cue=cue))
        # "in Anbar province", "Zakho district": the container noun follows the name
    _conjoined_places(pobj, cue, sentence, out, depth)


def _conjoined_places(pobj, cue: str, sentence: Sentence, out: list[PlaceMention], depth: int) -> None:
    for conj in pobj.conjuncts:
        if conj.i > pobj.i:
            if place_name_bounds(conj) is None and conj.lower_ not in containers() and _known_town_object(conj) \
                    and any(p.span.end <= sentence.start + pobj.idx + len(pobj.text) for p in out):
                # "targets Hama and Homs": a town name the small model calls a noun, after a place found
                span = token_span(sentence, conj.doc, conj.i, conj.i)
                if not any(p.span.start == span.start for p in out):
                    out.append(PlaceMention(text=span.text, span=span, cue=cue))
            _places_from(conj, cue, sentence, out, depth + 1)
            break


_FRONTED_PLACE = re.compile(
    r"^(?P<cue>Near|In|Outside|Around|At|(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest)(?:ern)? of)\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|al|as|ar|az|an|ad|el)(?=[\s,-])){0,3}(?:\s+[A-Z][\w'’-]*)?)\s*,"
)


def _fronted_place(sentence: Sentence) -> PlaceMention | None:
    """'Near Ar Raqqah, 15 strikes ...': the small parser often reads a fronted place as a name."""
    m = _FRONTED_PLACE.match(sentence.text)
    if not m or TIME_WORDS.match(m.group("name").split()[0]):
        return None
    start = sentence.start + m.start("name")
    return PlaceMention(text=m.group("name"), span=Span(start, start + len(m.group("name")), m.group("name")), cue=m.group("cue").lower())




def _follows_place(tok, sentence: Sentence, found: list[PlaceMention]) -> bool:
    """Does ``tok`` stand right after a place already found, with at most a comma between?
    ("Hawija, west of Kirkuk", "Sinun in the Sinjar district": a locator of that place, not a second one.)"""
    doc = tok.doc
    i = tok.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0:
        return False
    end = sentence.start + doc[i].idx + len(doc[i].text)
    return any(p.span.end == end for p in found)


def find_places(root, sentence: Sentence, extra_objects=(), blocked: frozenset[int] = frozenset()) -> list[PlaceMention]:
    """Place mentions in the event clause: locative prepositions and named objects.
    ``blocked`` holds token indices that belong to another event's phrase."""
    out: list[PlaceMention] = []
    if root.dep_ == "ROOT":
        fronted = _fronted_place(sentence)
        if fronted is not None:
            out.append(fronted)
    for tok in sorted(clause_tokens(root), key=lambda t: t.i):
        if tok.i in blocked:
            continue
        low = tok.lower_
        if (tok.dep_ == "prep" or (tok.dep_ == "conj" and tok.pos_ == "ADP")) and low in _PLACE_PREPS:
            if low == "from" and root.lemma_.lower() not in ("withdraw", "pull", "fire", "launch"):
                continue
            if tok.head.lemma_.lower() in _person_roles() and tok.head.dep_ == "appos":
                continue  # "Abu X, an ISIL leader in Raqqah, was killed near Tabqa": where he led, not the event
            if low == "over" and not any(w.lemma_.lower() in ("down", "intercept", "shoot") for w in [root, *root.children]):
                continue
            cue = low
            if tok.head.lower_ in ("south", "north", "east", "west") or _DIRECTIONS.match(tok.head.lower_ or ""):
                continue  # handled by the direction word
            if low == "in" and pobj_of(tok) is not None and pobj_of(tok).lower_ in lang.words().words("locator_containers") \
                    and _follows_place(tok, sentence, out):
                continue  # "near Sinun in the Sinjar district": the district locates Sinun
            before = len(out)
            _places_from(pobj_of(tok), cue, sentence, out)
            # drop a name found inside the fronted place ("Near Ar Raqqah" gives "Raqqah" again)
            out[before:] = [p for p in out[before:] if not any(q is not p and q.span.start <= p.span.start < q.span.end for q in out)]
        elif tok.dep_ == "prep" and (low == "on" or low == "of" and tok.head.lemma_.lower() in _STRIKE_NOUNS):
            # "aerial shelling on Kafrsajna", "raids on Hass", "the massacre of Urem al-Kubra": the place struck,
            # when the gazetteer knows the name ("on Monday", "on charges", "on ISIS enclave" are no places)
            if tok.head.lemma_.lower() not in _STRIKE_NOUNS | {root.lemma_.lower()} and tok.head.i != root.i:
                continue
            before = len(out)
            _places_from(pobj_of(tok), "on" if low == "on" else "in", sentence, out)
            out[before:] = [p for p in out[before:] if _gazetteer_knows(p.text)]
        elif tok.lemma_.lower() == "massacre" and tok.i > 0 and tok.doc[tok.i - 1].dep_ == "compound" \
                and tok.doc[tok.i - 1].head.i == tok.i and tok.doc[tok.i - 1].pos_ == "PROPN":
            # "the Kafr Batikh massacre", "Tal al-Tokan Massacre": the name written before the noun, whole
            lo = tok.i - 1
            while lo > 0 and tok.doc[lo - 1].head.i == tok.i and tok.doc[lo - 1].dep_ == "compound" \
                    and (tok.doc[lo - 1].pos_ == "PROPN" or tok.doc[lo - 1].text in ("-", "al", "el")):
                lo -= 1
            span = token_span(sentence, tok.doc, lo, tok.i - 1)
            if _gazetteer_knows(span.text) and not any(p.span.start == span.start for p in out):
                out.append(PlaceMention(text=span.text, span=span, cue="in"))
        elif _DIRECTIONS.match(low) and tok.pos_ in ("ADV", "NOUN", "ADJ") and tok.dep_ not in ("amod",):
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and not _follows_place(tok, sentence, out):
                _places_from(pobj_of(of), f"{low} of", sentence, out)
            # else "near Hawija, west of Kirkuk": Kirkuk only says where Hawija is
    for obj in extra_objects:
        if obj is not None and (obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in FACILITY_NOUNS
                                or obj.lower_ in containers() or (obj.pos_ == "PROPN" and appositive_facility(obj))
                                or _known_town_object(obj)):
            _places_from(obj, "target", sentence, out)
    return sorted(out, key=lambda p: p.span.start)


_APPROACH_VERBS = {"approach", "head", "fly", "target", "near"}


def places_of(pobj, cue: str, sentence: Sentence) -> list[PlaceMention]:
    """The places a prepositional object names ("to the town of Atarib in Idlib")."""
    out: list[PlaceMention] = []
    _places_from(pobj, cue, sentence, out)
    return out


def approach_places(args: Args, sentence: Sentence) -> list[PlaceMention]:
    """Where an intercepted weapon was going: the interception happened near it."""
    out: list[PlaceMention] = []
    for obj in args.objects:
        for verb in obj.children:
            if verb.dep_ not in ("acl", "relcl") or verb.lemma_.lower() not in _APPROACH_VERBS:
                continue
            for c in verb.children:
                if c.dep_ in ("dobj", "obj"):
                    _places_from(c, "near", sentence, out)
                elif c.dep_ == "prep" and c.lower_ in ("toward", "towards", "for", "over", "near") and pobj_of(c) is not None:
                    _places_from(pobj_of(c), "near", sentence, out)
    return out


@lru_cache(maxsize=4096)
def _is_country(name: str) -> bool:
    import pycountry

    try:
        pycountry.countries.lookup(name)
        return True
    except LookupError:
        return name.lower() in ("syria", "iran", "russia", "the united states", "us", "u.s.", "turkey", "türkiye")


_REGION_ADJ = re.compile(r"^(?:(?:north|south|east|west)(?:ern)?[- ]?)?(?:(?:north|south|east|west)(?:ern)?\s+)?", re.I)


def is_country_name(text: str) -> bool:
    """'Iraq', 'northern Iraq', 'north-east Syria': a whole country (or a part named by direction only)."""
    return _is_country(_REGION_ADJ.sub("", text).strip())
