"""Actors stage: raw actor text -> canonical ACLED-style actors with inter codes.

Runs after geocoding, so each event mention knows its country; that country picks the branch
of family actors ("ISIS" in Iraq -> "Islamic State (Iraq)", "civilians" -> "Civilians (Iraq)")
and the event date picks the ACLED period of state forces.  What the registry does not know is
kept as written, flagged (``actor1_known`` False) and reported in ``extraction.warnings``:
a raw name is more useful to a reviewer than a wrong canonical one.

Inter codes: the registry holds each actor's own code; in an event, a state's forces acting
outside their country are external forces (8), as ACLED codes them.

When the event's actor1 is missing or generic ("unidentified gunmen") and the mention carries a
responsibility claim naming a perpetrator (claimed first, then blamed; never denied), that
perpetrator becomes actor1.

Precision first -- an empty actor slot is better than a wrong or meaningless one:

* a wire dateline glued to the name goes ("ANBAR - Iran-aligned militants");
* a bare nationality or weapon model the extractor cut short ("Turkish", "B-1") is read with the
  words that follow it in the quote ("Turkish warplanes" -> Turkey's forces);
* a bare group noun ("the group", "militants", "the militia") is the last named armed group of
  the article before it; without one it is resolved as written (militants -> the country's
  unidentified armed group) or left empty;
* a capital used as the subject ("Ankara responded") is that state's forces; any other place
  name ("Duhok") and any all-lower-case description the registry does not know ("officials",
  "armed smugglers") leave the slot empty instead of being kept as written;
* an unknown name must look like a name (knowledge/actor_names.yaml): no count, casualty noun,
  trigger or weapon word ("Tens", "Airstrikes", "Renewed land"), not one of the event's places,
  and a group head noun at its end or an acronym ("Syrian Army Foils", "Kafr Batikh" go); a bare
  demonym ("Turkish" shelling) is that state's forces.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from conflictwire import actor_scan, lang, settings
from conflictwire.extraction.events.second_clause import OWN_CLAUSE
from conflictwire.extraction.events.subtypes import arrests_by_taker
from conflictwire.knowledge import Knowledge
from conflictwire.models import ArticleExtraction, EventMention, Statement
from conflictwire.registry import Actor, ActorRegistry, get_registry, strip_dateline

GENERIC_KINDS = {"unidentified"}
# Sub-types with one party and no target: a name of the clause is the one acting, whatever its role there.
_NO_TARGET = {"Headquarters or base established", "Change to group/activity"}
# Sub-types that hit or take a place: a holder of the place hit ("shelling on rebel-held towns", "clashes in
# a town controlled by X") is the side hit, of the place taken the side that lost it (actor2); an attack on
# people there ("gunmen killed a man in SDF-held areas") is no attack on its holder, nor is a mine or bomb
# there ("mines kill 5 people in the regime-controlled countryside": its victims, whoever they were).
_HELD_HIT = {"Shelling/artillery/missile attack", "Air/drone strike", "Armed clash", "Government regains territory",
             "Non-state actor overtakes territory"}
_EXTERNAL_FORCES = 8
_STATE_FORCES = 1
# Nouns that stand for a group named earlier ("the group said it had targeted ...").
GROUP_NOUNS = {
    "group", "the group", "the armed group", "the militant group", "the militia", "militia", "the movement",
    "the organisation", "the organization", "the faction", "militants", "the militants", "fighters",
    "the fighters", "insurgents", "the insurgents", "jihadists", "the jihadists", "its fighters",
    "the group's fighters",
}
ARMED_GROUP_KINDS = {"militia", "militia_umbrella", "rebel"}
# A weapon written as the subject ("a VBIED exploded") is no actor.
WEAPONS_AS_SUBJECT = {"vbied", "a vbied", "svbied", "ied", "an ied", "uav", "a uav", "the vbied"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}
_PREPOSITIONS = {"in", "at", "near", "of", "from", "to", "on", "into", "across", "around", "outside", "inside",
                 "over", "toward", "towards", "via", "between"}


def _described_only(claimant: str) -> bool:
    """A claimant written as a description, not a name: every capitalised word a "-led"/"-backed" modifier
    ("the Kurdish-led force", "the US-backed force"); the registry's aliases say whom it describes."""
    capitals = [w for w in claimant.split() if w[:1].isupper()]
    return bool(capitals) and all(re.search(r"-(?:led|backed)$", w) for w in capitals)


def normalise_actors(extraction: ArticleExtraction, registry: ActorRegistry | None = None) -> ArticleExtraction:
    """Canonical actor names, inter codes and known-flags on every mention and statement (in place)."""
    registry = registry or get_registry()
    unknown: list[str] = []
    for mention in extraction.mentions:
        others = [m.trigger.start - mention.quote.start for m in extraction.mentions
                  if m.quote.start == mention.quote.start and m.trigger.start != mention.trigger.start]
        _normalise_mention(mention, registry, unknown, extraction.article.text, others)
    for statement in extraction.statements:
        _normalise_statement(statement, registry, unknown)
    for name in dict.fromkeys(unknown):
        message = f"actor not in registry, kept as written: {name!r}"
        if message not in extraction.warnings:
            extraction.warnings.append(message)
    return extraction


# --------------------------------------------------------------------------- events


def _normalise_mention(mention: EventMention, registry: ActorRegistry, unknown: list[str],
                       article_text: str = "", other_triggers: list[int] | None = None) -> None:
    _country_not_from_a_name(mention, registry, article_text)
    country = mention.place.country_code if mention.place is not None else None
    on = mention.date.start if mention.date is not None else None
    slots: dict[str, Actor | None] = {}
    for attr in ("actor1", "actor2"):
        written = getattr(mention, attr)
        raw, found = _read_slot(written, mention, article_text, registry, country, on)
        if found is not None and registry.resolve(written, country, on) is None:
            mention.evidence.append(f"{attr} {written!r} read as {found.name}")
        elif raw is None and written:
            mention.evidence.append(f"{attr} {written!r} left empty: not an actor name")
        setattr(mention, attr, raw)
        slots[attr] = found
    if mention.actor1 is None and slots["actor2"] is not None and _doer_before_deed(mention):
        slots["actor1"], slots["actor2"] = slots["actor2"], None

    for claim in mention.responsibility:
        perpetrator = registry.resolve(claim.actor, country, on)
        if perpetrator is not None:
            claim.actor = perpetrator.name
        if claim.claimant:
            claimant = registry.resolve(claim.claimant, country, on)
            if claimant is not None:
                claim.claimant = claimant.name

    for casualty in mention.claims:  # "killed six SDF fighters, the Kurdish-led force said": the SDF's claim
        if casualty.claimant and _described_only(casualty.claimant):
            described = registry.resolve(casualty.claimant, country, on)
            if described is not None:
                casualty.claimant = described.name

    actor1 = slots["actor1"]
    if _is_generic(mention.actor1, actor1):
        named = _perpetrator_from_claims(mention, registry, country, on)
        if named is not None:
            mention.evidence.append(f"actor1 from responsibility claim: {named.name}")
            mention.actor1, actor1 = named.name, named

    if mention.sub_event_type == "Air/drone strike" and "drone" not in mention.weapons:
        # armed groups fly no air strike: one the parse reached in another clause of the sentence
        # ("X and factions advance ... and about 40 airstrikes target the area") is no party to it, nor
        # the partner the parse gave it there (a target named in another clause stays: "X, an ISIL
        # leader, was killed by a coalition airstrike")
        dropped = False
        for attr in ("actor1", "actor2"):
            if slots[attr] is not None and slots[attr].kind in ARMED_GROUP_KINDS \
                    and (attr == "actor1" or dropped) and _outside_clause(getattr(mention, attr), mention):
                mention.evidence.append(f"{attr} {getattr(mention, attr)!r} dropped: named in another clause")
                setattr(mention, attr, None)
                slots[attr], dropped = None, True
                if attr == "actor1":
                    actor1 = None

    actor2 = slots["actor2"]
    if actor1 is not None and actor1.kind == "civilians" and actor2 is None:
        # "civilians killed by ...": the victims are actor2, whoever the clause names as perpetrator
        mention.evidence.append(f"actor1 {mention.actor1!r} moved to actor2: victims are no perpetrator")
        mention.actor2, actor2, mention.actor1, actor1 = mention.actor1, actor1, None, None
    if _is_generic(mention.actor1, actor1) or actor2 is None:
        (mention.actor1, actor1), (mention.actor2, actor2) = _from_clause(
            mention, registry, country, on, (mention.actor1, actor1), (mention.actor2, actor2), other_triggers or [],
            article_text)

    if not mention.actor1 and article_text and mention.quote.text:
        earlier = actor_scan.earlier_agent(article_text[:mention.quote.start], mention.quote.text,
                                           mention.trigger.start - mention.quote.start,
                                           mention.trigger.end - mention.quote.start, registry, country, on,
                                           flying=mention.sub_event_type == "Air/drone strike")
        if earlier is not None and (actor2 is None or earlier.actor.name != actor2.name):
            mention.actor1, actor1 = earlier.actor.name, earlier.actor
            mention.evidence.append(f"actor1 from the deed '{mention.trigger.text}' refers back to: {earlier.actor.name}")
    if _is_generic(mention.actor1, actor1) and mention.sub_event_type == "Air/drone strike":
        owners = actor_scan.air_owners(article_text[:mention.quote.end] or mention.quote.text or "", registry,
                                       country, on)
        if len(owners) == 1 and (actor2 is None or owners[0].name != actor2.name):
            mention.actor1, actor1 = owners[0].name, owners[0]
            mention.evidence.append(f"actor1: the one air force the article names, {owners[0].name}")
        elif "drone" not in mention.weapons and mention.place is not None and mention.place.kind != "country":
            flyer = actor_scan.unowned_air(registry, country, mention.place.admin1, mention.place.admin2, on, owners)
            if flyer is not None and (actor2 is None or actor2.kind not in ("state_forces", "militia")
                                      and flyer.name != actor2.name):
                mention.actor1, actor1 = flyer.name, flyer
                mention.evidence.append(f"actor1: an air strike naming no air force here and then is {flyer.name}'s "
                                        "(knowledge/actor_names.yaml unowned_air)")
    if not mention.actor1 and mention.place is not None and mention.place.kind != "country":
        party = actor_scan.unowned_ground(registry, country, mention.sub_event_type, mention.place.admin1,
                                          mention.place.name, on, mention.quote.text or "", actor2,
                                          _own_clause(mention))
        if party is not None:
            mention.actor1, actor1 = party.name, party
            mention.evidence.append(f"actor1: {mention.sub_event_type.lower()} naming no side here and then has "
                                    f"{party.name} as a party (knowledge/actor_names.yaml unowned_ground)")
    if actor2 is None and not mention.actor2 and country:
        soldiers = _soldiers_of(mention, registry, country, on, actor1)
        if soldiers is not None:
            mention.actor2, actor2 = soldiers.name, soldiers
            mention.evidence.append(f"actor2 from the soldiers killed: {soldiers.name}")
    actor1, actor2 = _branch_of_place(registry, actor1, country), _branch_of_place(registry, actor2, country)
    if actor1 is not None and actor2 is not None and actor1.kind != "civilians" and (
            actor1.name == actor2.name or actor1.name in (actor2.parent, *actor2.umbrellas)
            or actor2.name in (actor1.parent, *actor1.umbrellas)):
        # "rebel factions ... kill members of the regime forces, the factions and ...": one side is no target
        # of itself, nor of its own militia or umbrella
        mention.evidence.append(f"actor2 {mention.actor2!r} dropped: the same actor as actor1")
        mention.actor2, actor2 = None, None
    mention.actor1, mention.inter1, mention.actor1_known = _apply(mention.actor1, actor1, country, unknown)
    mention.actor2, mention.inter2, mention.actor2_known = _apply(mention.actor2, actor2, country, unknown)
    _territory_by_taker(mention)
    arrests_by_taker(mention)
    # associated actors carry no flag of their own: canonical when known, else as written
    for attr in ("assoc_actor_1", "assoc_actor_2"):
        found = registry.resolve(getattr(mention, attr), country, on)
        if found is not None:
            setattr(mention, attr, found.name)


def _soldiers_of(mention: EventMention, registry: ActorRegistry, country: str, on: date | None,
                 actor1: Actor | None) -> Actor | None:
    """"Rebels killed three soldiers", "two soldiers were killed when a bomb hit": soldiers named by no nationality
    are the event's country's forces (knowledge/actor_names.yaml `country_soldiers`), where the sentence names no
    other country or nationality and no state's forces act (whose soldiers, the words would not say)."""
    words = _soldier_words()  # lower-case already
    if not any((c.victims or "").lower() in words for c in mention.claims):
        return None
    if actor1 is not None and actor1.kind in ("state_forces", "coalition"):
        return None
    from conflictwire.gazetteer import get_gazetteer  # the geocode stage has built it already

    quote = mention.quote.text or ""
    gaz = get_gazetteer()
    if gaz.demonym_countries(quote) - {country} or {cc for _, _, cc in gaz.country_mentions(quote)} - {country}:
        return None
    return registry.state_forces(country, on)


def _soldier_words() -> frozenset[str]:
    return _soldier_words_for(settings.knowledge())


@lru_cache(maxsize=4)
def _soldier_words_for(known: Knowledge) -> frozenset[str]:
    return frozenset(str(w).lower() for w in known.load_lexicon("actor_names.yaml").get("country_soldiers", []) or [])


# "in Israeli missile strikes on positions", "the regime's artillery shelling on the city": the name written
# right before the deed (possessive, or with weapon words between) is who did it
_DOER_GAP = r"(?:['’]s)?\s+(?:(?:artillery|missile|rocket|air|aerial|drone|mortar|heavy|ground|naval)\s+){0,2}$"


def _doer_before_deed(mention: EventMention) -> bool:
    """An empty actor1 and an actor2 written just before the trigger: the extractor took the deed's owner for its
    target; it is actor1 (in place; True when moved)."""
    written, quote = mention.actor2, mention.quote.text or ""
    if mention.actor1 or not written or not quote:
        return False
    at = mention.trigger.start - mention.quote.start
    if 0 < at <= len(quote) and re.search(rf"(?<![\w-]){re.escape(written)}{_DOER_GAP}", quote[:at], re.I):
        mention.actor1, mention.actor2 = written, None
        mention.evidence.append(f"actor2 {written!r} moved to actor1: it is written before the deed, as its owner")
        return True
    return False


def _country_not_from_a_name(mention: EventMention, registry: ActorRegistry, article_text: str) -> None:
    """A group's name never sets the country: an event placed only at a country that its sentence names
    inside a group's name ("Islamic State of Iraq and the Levant militants executed three men") is placed
    at the one other country the article names outside any group's name, else kept without a place."""
    place, quote = mention.place, mention.quote.text or ""
    if place is None or place.kind != "country" or not quote:
        return
    from conflictwire.gazetteer import get_gazetteer  # the geocode stage has built it already

    gaz = get_gazetteer()

    def outside_names(text: str) -> set[str]:
        """Countries ``text`` names outside the registry's names, or whose people or forces it names ("an Iraqi
        soldier")."""
        names = [(s, e) for s, e, _ in registry.find_mentions(text)]
        return {cc for s, e, cc in gaz.country_mentions(text) if not any(a <= s and e <= b for a, b in names)} \
            | set(gaz.demonym_countries(text))

    if place.country_code not in {cc for _, _, cc in gaz.country_mentions(quote)}:
        return  # the country came from elsewhere: the dateline, the headline
    named = outside_names(strip_dateline(article_text) if article_text else quote)
    if place.country_code in named:
        return  # the article writes the country (or its people: "an Iraqi soldier") outside a name too
    others = named - {place.country_code}
    other = gaz.resolve_country(next(iter(others))) if len(others) == 1 else None
    mention.evidence.append(f"country {place.name!r} named only in a group's name: "
                            + (f"placed at {other.name}, the article's other country" if other else "no place"))
    mention.place = other


_TERRITORY = {_STATE_FORCES: "Government regains territory", 2: "Non-state actor overtakes territory"}


def _territory_by_taker(mention: EventMention) -> None:
    """Who took the place types the gain (ACLED): the country's own forces regain territory, rebels (inter 2)
    overtake it ("the factions regain control of X", "opposition forces liberated Dabiq").  Foreign forces (8)
    overtake it too in ACLED's terms, but 8 also comes from a place resolved in the wrong country ("Iraqi forces
    recapture Ain al-X" placed in Yemen): they, militias and unknown takers keep the parse's type."""
    if mention.sub_event_type not in _TERRITORY.values() or not mention.actor1_known:
        return
    typed = _TERRITORY.get(mention.inter1)
    if typed and typed != mention.sub_event_type:
        mention.evidence.append(f"type {mention.sub_event_type!r} -> {typed!r}: taken by {mention.actor1}")
        mention.sub_event_type = typed


def _outside_clause(written: str | None, mention: EventMention) -> bool:
    """Do the slot's words stand only outside the trigger's clause of the quote?"""
    bounds = _clause_bounds(mention)
    if not written or bounds is None:
        return False
    quote, lo, hi = bounds
    spots = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(written)}(?![\w-])", quote)]
    return bool(spots) and not any(lo <= s < hi for s in spots)


def _clause_bounds(mention: EventMention) -> tuple[str, int, int] | None:
    """(quote, lo, hi) of the quote's clause that holds the trigger; None when the trigger is not in the quote."""
    quote = mention.quote.text or ""
    start = mention.trigger.start - mention.quote.start
    if not quote or not 0 <= start < len(quote):
        return None
    lo, hi = actor_scan.clause_of(quote, start, start + len(mention.trigger.text or ""))
    return quote, lo, hi


def _own_clause(mention: EventMention) -> str | None:
    """The words of the quote's clause that holds the trigger (None when the trigger is not in the quote)."""
    bounds = _clause_bounds(mention)
    return bounds[0][bounds[1]:bounds[2]] if bounds is not None else None


def _branch_of_place(registry: ActorRegistry, actor: Actor | None, country: str | None) -> Actor | None:
    """A group's name never sets the country: "the Islamic State of Iraq and the Levant" executing
    prisoners near Aleppo is the Islamic State's Syrian branch (the event's place decides)."""
    parent = registry.get(actor.parent) if actor is not None and actor.parent else None
    if parent is None or not country or actor.country in (None, country) or not parent.by_country:
        return actor
    branch = registry.get(parent.by_country.get(country, ""))
    return branch if branch is not None else parent


def _from_clause(mention: EventMention, registry: ActorRegistry, country: str | None, on: date | None,
                 slot1: tuple[str | None, Actor | None], slot2: tuple[str | None, Actor | None],
                 other_triggers: list[int], article_text: str = "") -> tuple[tuple[str | None, Actor | None], tuple[str | None, Actor | None]]:
    """Empty (or unidentified) slots filled from the names of the trigger's clause, or of the
    sentence's clauses that hold no other event (conflictwire/actor_scan.py)."""
    quote = mention.quote.text or ""
    start = mention.trigger.start - mention.quote.start
    if not quote or not 0 <= start < len(quote):
        return slot1, slot2
    found = actor_scan.scan(quote, start, start + len(mention.trigger.text or ""), registry, country, on,
                            other_triggers, flying=mention.sub_event_type == "Air/drone strike",
                            battle=mention.sub_event_type == "Armed clash" or mention.sub_event_type in _NO_TARGET,
                            lend=OWN_CLAUSE not in mention.evidence)
    if mention.sub_event_type not in _HELD_HIT:
        found = [f for f in found if f.role != "held"]  # a place's holder is the side hit only where a place is hit
    first, second = actor_scan.pick(found, mention.sub_event_type == "Armed clash")
    if mention.sub_event_type in _NO_TARGET:
        # "Turkish soldier killed setting up a military post": whose post it is, and nobody its target
        first = next((f for f in found if f.actor.kind not in ("civilians", "unidentified")), first)
        second = None
    if mention.sub_event_type == "Armed clash" and _is_generic(*slot1) and slot2[1] is not None \
            and first is not None and second is not None and first.actor.name == slot2[1].name:
        # "clashes between the regime forces against the factions", the parse giving only the first as actor2:
        # a battle's sides in the clause's order
        slot1, slot2 = slot2, (quote[second.start:second.end], second.actor)
        mention.evidence.append(f"actors from the clause (sides): {slot1[0]!r}, {slot2[0]!r}")
        return slot1, slot2
    if first is not None and first.actor.kind in GENERIC_KINDS and quote[first.start:first.end].lower() in GROUP_NOUNS:
        # "ISIS wounds two soldiers as militants battle on": the bare group noun is the group named before it
        named = _last_named_group(registry, article_text, mention.quote.start + first.start, country, on)
        if named is not None:
            first = actor_scan.Found(first.start, first.end, named, first.role)
    if _is_generic(*slot1) and first is not None and (slot2[1] is None or first.actor.name != slot2[1].name):
        slot1 = (quote[first.start:first.end], first.actor)
        mention.evidence.append(f"actor1 from the clause ({first.role}): {slot1[0]!r}")
    if slot2[1] is None and not slot2[0] and second is not None and (
            slot1[1] is None or second.actor.name != slot1[1].name):
        slot2 = (quote[second.start:second.end], second.actor)
        mention.evidence.append(f"actor2 from the clause ({second.role}): {slot2[0]!r}")
    return slot1, slot2


def _read_slot(raw: str | None, mention: EventMention, article_text: str, registry: ActorRegistry,
               country: str | None, on: date | None) -> tuple[str | None, Actor | None]:
    """(text to keep, actor) for one actor slot as the extractor wrote it (see module docstring)."""
    if not raw or not raw.strip():
        return raw, None
    text = strip_dateline(raw).strip()
    quote = mention.quote.text or ""
    if actor_scan.is_claimant(text):
        return None, None  # a news agency, monitor or source reports the event; it is no party to it
    jihadist_nouns, jihadist_groups = _jihadist_words()
    if text.lower() in jihadist_nouns:
        at = _position_in_article(mention, text)
        named = _last_named_group(registry, article_text, at, country, on, among=jihadist_groups, within=_JIHADISTS_WITHIN)
        if named is not None:
            return text, named
    if text.lower() in GROUP_NOUNS:
        named = _last_named_group(registry, article_text, _position_in_article(mention, text), country, on)
        if named is not None:
            return text, named
        found = registry.resolve(text, country, on)
        return (text, found) if found is not None else (None, None)
    named_country = registry.country_named(text)
    if named_country and named_country == (country or named_country) and registry.demonym_of(text) is None \
            and _before_event_noun(text, quote):
        return None, None  # "Syria clash", "Iraq raid kills 5 near Mosul": the event's own country is where, not who
    found = registry.resolve(text, country, on) or _widened_in_quote(registry, text, quote, country, on)
    if found is not None and found.kind in GENERIC_KINDS:
        # "gunmen" cut from "the regime forces and gunmen loyal to them": the words after name them
        found = _widened_in_quote(registry, text, quote, country, on) or found
    if found is None and actor_scan.implied_alias(text, country):  # "the regime" in Syria
        found = registry.resolve(actor_scan.implied_alias(text, country), country, on)
    if found is not None and found.parent:
        # "Islamic State of Iraq" cut from "Islamic State of Iraq and the Levant": the whole name is the family's,
        # whose branch the event's place picks (a group's name never sets the country)
        family = _family_name_around(registry, text, quote, country, on)
        if family is not None and family.name == found.parent:
            found = registry.resolve(family.name, country, on) or family
    if found is not None:
        return text, found
    local = re.fullmatch(r"(?:(?:fighters|members) of\s+)?(?:the\s+)?(.+?)\s+(factions|rebels|rebel factions)", text, re.I)
    if local and _is_place_name(local.group(1)):
        found = registry.resolve(local.group(2), country, on)
        if found is not None:
            return text, found  # "Eastern Ghouta factions", "Fighters of Daraya factions": the place's rebels
    capital = registry.capital_of(text)
    if capital and _is_metonym(text, quote):
        forces = registry.state_forces(capital, on)
        if forces is not None:
            return text, forces
    if capital or _is_place_name(text) or _is_description(text) or text.lower() in WEAPONS_AS_SUBJECT:
        return None, None
    demonym = registry.demonym_of(text)
    people = _widened_in_quote(registry, text, quote, country, on, civilians=True) if demonym else None
    if people is not None:
        return text, people  # "Syrian" cut from "Syrian citizens": the country's civilians
    if demonym:  # "Turkish shelling": the adjective alone stands for the state's forces
        if not _on_attack_word(text, quote):
            return None, None  # "Syrian" cut from "a Syrian teen": a person's nationality, no party
        forces = registry.state_forces(demonym, on)
        return (text, forces) if forces is not None else (text, None)  # "Palestinian": kept as written
    if not _name_like(text, mention) or re.search(r"\s(?:and|or)\s", text):
        return None, None  # "Sukhna and regime forces": two names (or a place and one), no actor's name
    return text, None


def _family_name_around(registry: ActorRegistry, text: str, quote: str, country: str | None,
                        on: date | None) -> Actor | None:
    """The registry name of the quote that holds ``text`` and is longer than it, if any."""
    written = re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", quote)
    if written is None:
        return None
    for start, end, actor in registry.find_mentions(quote, country):
        if start <= written.start() and written.end() <= end and end - start > written.end() - written.start():
            return registry.resolve(quote[start:end], None, on) or actor
    return None


def _on_attack_word(text: str, quote: str) -> bool:
    """Is ``text`` written before an attack, weapon, force or military target word in the quote ("Turkish
    shelling", "Israeli strikes", "“Turkish” bombing", "Russian and Syrian warplanes", "a Turkish convoy"), a
    plural ("the Russians bombed"), or not found there at all (nothing to say otherwise)?"""
    c = actor_scan.cues()
    words = c["attack_nouns"] | c["attack_modifiers"] | c["air_words"] | c["target_nouns"]
    spots = list(re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", quote))
    if not spots or text.endswith("s"):
        return True
    for m in spots:
        after = actor_scan._words_after(quote, m.end(), 4)
        if after[:1] and after[0] in ("and", "or"):
            # "Russian and Syrian warplanes", "the Russian and Syrian regime's warplanes"
            if any(w in words for w in after[2:4]):
                return True
            after = after[2:]
        if after[:1] and after[0] in words:
            return True
    return False


def _before_event_noun(text: str, quote: str) -> bool:
    """Is ``text`` written right before an attack or battle noun in the quote ("Syria clash", "Iraq raid")?"""
    words = actor_scan.cues()["attack_nouns"] | actor_scan.cues()["event_nouns"]
    for written in re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", quote):
        after = actor_scan._words_after(quote, written.end(), 1)
        if after and after[0] in words:
            return True
    return False


def _position_in_article(mention: EventMention, text: str) -> int:
    """Where the slot's words stand in the article (the quote start when not found in the quote)."""
    quote = mention.quote.text or ""
    found = re.search(rf"\b{re.escape(text)}\b", quote, re.I)
    return mention.quote.start + (found.start() if found else 0)


# "the jihadists" refer to a jihadist group named this close before them, in their own paragraph (a digest's earlier
# item is another story)
_JIHADISTS_WITHIN = 400


def _last_named_group(registry: ActorRegistry, article_text: str, before: int, country: str | None,
                      on: date | None, among: frozenset[str] | None = None, within: int | None = None) -> Actor | None:
    """The armed group the article named last before ``before`` ("... the group said"); with ``among``, the last
    of those groups (or their branches); with ``within``, named at most that many characters before, in the same
    paragraph."""
    if not article_text or before <= 0:
        return None
    start = 0 if within is None else max(before - within, article_text.rfind("\n\n", 0, before) + 1)
    groups = [actor for _, _, actor in registry.find_mentions(article_text[start:before])
              if actor.kind in ARMED_GROUP_KINDS and (among is None or actor.name in among or actor.parent in among)]
    if not groups:
        return None
    last = groups[-1]
    return registry.resolve(last.name, country, on) or last


def _widened_in_quote(registry: ActorRegistry, text: str, quote: str, country: str | None,
                      on: date | None, civilians: bool = False) -> Actor | None:
    """"Turkish" cut from "Turkish warplanes struck": read it with up to three following words
    (with ``civilians``, only a civilian reading: "Syrian" cut from "kill more Syrian citizens")."""
    if not quote or len(text.split()) > 2:
        return None
    match = re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", quote)
    if match is None:
        return None
    # "regime's warplane", "the Turkish warplanes' strikes": the possessive marker is no word of the name
    following = re.findall(r"[\w-]+", re.sub(r"^['’]s?\b|^\s*['’]s\b", "", quote[match.end():match.end() + 60]))[:3]
    for count in range(len(following), 0, -1):
        wider = " ".join([text, *following[:count]])
        # "Syrian" cut from "a Syrian Kurd attack": the country's implied name ("syrian kurd" -> the YPG)
        found = registry.resolve(wider, country, on) or registry.resolve(actor_scan.implied_alias(wider, country), country, on)
        if found is not None and (found.kind == "civilians" if civilians else
                                  found.kind not in GENERIC_KINDS | {"civilians"}):
            return found
    return None


def _is_metonym(capital: str, quote: str) -> bool:
    """"Ankara responded" (the state) vs "a strike in Baghdad" (the place): the capital as written
    in the quote, not after a preposition."""
    for match in re.finditer(rf"\b{re.escape(capital)}\b(?!['\u2019]s\s+\w+\s+(?:district|province|square))",
                             quote):
        before = re.findall(r"[\w']+", quote[max(0, match.start() - 30):match.start()])
        if not before or before[-1].lower() not in _PREPOSITIONS:
            return True
    return False


def _is_place_name(text: str) -> bool:
    """A name the gazetteer knows exactly and the registry does not ("Duhok" as an actor)."""
    if not text[:1].isupper() or len(text.split()) > 4:
        return False
    from conflictwire.gazetteer import get_gazetteer  # the geocode stage has built it already

    return any(row.match == "exact" for row in get_gazetteer().candidates(text))


def _is_description(text: str) -> bool:
    """All lower case apart from a leading article: "officials", "The army", "armed smugglers"."""
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    if words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return bool(words) and all(w.islower() for w in words)


def _name_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(group heads, group prefixes, words never in an actor name): knowledge/actor_names.yaml plus
    every word of a trigger phrase or weapon term, of the active settings' knowledge."""
    return _name_words_for(settings.knowledge())


@lru_cache(maxsize=4)
def _name_words_for(known: Knowledge) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = known.load_lexicon("actor_names.yaml")
    heads = frozenset(str(w).lower() for w in data.get("group_heads", []) or [])
    prefixes = frozenset(str(w).lower() for w in data.get("group_prefixes", []) or [])
    banned = {str(w).lower() for w in data.get("not_actor_words", []) or []}
    triggers, weapons = known.load_lexicon("triggers.yaml"), known.load_lexicon("weapons.yaml")
    # armed men and forces described ("Burundian militiamen", "Israeli soldiers") are recognisable noun phrases
    heads = heads | frozenset(str(w).lower() for key in ("armed_words", "state_words", "military_victims")
                              for w in triggers.get(key, []) or [])
    for entry in triggers.get("triggers", []) or []:
        banned.update(str(entry["phrase"]).lower().split())
    for spec in (weapons.get("weapons") or {}).values():
        for term in spec.get("terms", []):
            banned.update(str(term).lower().split())
    banned -= heads | prefixes | {"to", "of", "the", "a", "an", "and", "in", "on", "at", "up", "down", "out", "over"}
    return heads, prefixes, frozenset(banned)


def _jihadist_words() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns that refer back to a jihadist group, the groups they may refer to): knowledge/actor_names.yaml."""
    return _jihadist_words_for(settings.knowledge())


@lru_cache(maxsize=4)
def _jihadist_words_for(known: Knowledge) -> tuple[frozenset[str], frozenset[str]]:
    names = known.load_lexicon("actor_names.yaml")
    return (frozenset(str(w).lower() for w in names.get("jihadist_nouns") or []),
            frozenset(str(w) for w in names.get("jihadist_groups") or []))


def _generic_nouns() -> frozenset[str]:
    """Group nouns that alone name no group (knowledge/actor_names.yaml `generic_group_nouns`)."""
    return _generic_nouns_for(settings.knowledge())


@lru_cache(maxsize=4)
def _generic_nouns_for(known: Knowledge) -> frozenset[str]:
    return frozenset(str(w).lower() for w in known.load_lexicon("actor_names.yaml").get("generic_group_nouns", []) or [])


def _name_like(text: str, mention: EventMention) -> bool:
    """May an actor name the registry does not know be kept as written? (knowledge/actor_names.yaml)"""
    heads, prefixes, banned = _name_words()
    words = [w.lower().strip("'’") for w in re.findall(r"[\w'’-]+", text)]
    content = [w for w in words if w not in _DETERMINERS]
    if not content or len(content) == 1 and content[0] in _generic_nouns():
        return False  # "Brigade", "the Rebel": a group noun alone names no group
    folded = text.lower()
    if any(folded == (p.text or "").lower() or folded in (p.text or "").lower() for p in mention.places):
        return False  # "Eastern Ghouta" as actor2: the event's place
    # a group's name or a described armed party: "... Brigades", "Liwa ...", "SDF", "Burundian militiamen";
    # capitals alone make no group name ("Syrian Army Foils", "Kafr Batikh")
    if words[-1] in lang.words().words("role_nouns") and not words[-1].endswith("s"):
        return False  # one person's role ("a Chechen commander", "Arab commander"): no group's name
    if words[-1] in heads or " ".join(words[-2:]) in heads:
        # not "Tens fighters", "Casualties among fighters", "Over 500 fighters" (a count)
        return words[0] not in banned and not any(w.isdigit() for w in words[:-1])
    if words[0] in prefixes or re.fullmatch(r"[A-Z]{2,6}", text.strip()):
        singular = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]
        return not any(w in banned or s in banned for w, s in zip(words, singular))
    return False


def _is_generic(raw: str | None, actor: Actor | None) -> bool:
    if not raw or not raw.strip():
        return True
    return actor is not None and actor.kind in GENERIC_KINDS


def _perpetrator_from_claims(mention: EventMention, registry: ActorRegistry, country: str | None,
                             on: date | None) -> Actor | None:
    for kind in ("claimed", "blamed"):
        for claim in mention.responsibility:
            if claim.kind != kind:
                continue
            actor = registry.resolve(claim.actor, country, on)
            if actor is not None and actor.kind not in GENERIC_KINDS and actor.kind != "civilians":
                return actor
    return None


def _apply(raw: str | None, actor: Actor | None, country: str | None,
           unknown: list[str]) -> tuple[str | None, int | None, bool]:
    """(name, inter, known) for one actor slot."""
    if not raw or not raw.strip():
        return None, None, True  # no actor stated: nothing unknown about it
    if actor is None:
        unknown.append(raw)
        return raw, None, False
    return actor.name, event_inter(actor, country), True


def event_inter(actor: Actor, event_country: str | None) -> int:
    """ACLED's inter code in an event: state forces abroad are external forces (8)."""
    if actor.inter == _STATE_FORCES and actor.country and event_country and actor.country != event_country:
        return _EXTERNAL_FORCES
    return actor.inter


# --------------------------------------------------------------------------- statements


def _normalise_statement(statement: Statement, registry: ActorRegistry, unknown: list[str]) -> None:
    country = statement.country if statement.country and len(statement.country) == 2 else None
    on = statement.date.start if statement.date is not None else None
    if statement.speaker_actor:
        found = registry.resolve(statement.speaker_actor, country, on)
        if found is not None:
            statement.speaker_actor = found.name
        else:
            unknown.append(statement.speaker_actor)
    elif statement.speaker:
        # a person the registry lists ("Akram al-Kaabi") or a body named as the speaker
        found = registry.resolve(statement.speaker, country, on)
        if found is not None and found.kind not in GENERIC_KINDS:
            statement.speaker_actor = found.name
    if statement.target_actor:
        found = registry.resolve(statement.target_actor, country, on)
        if found is not None:
            statement.target_actor = found.name
        else:
            unknown.append(statement.target_actor)


def actor_names(text: str) -> list[str]:
    """An actor filter as a user types it ("ISIS", any alias) -> the spellings the store matches:
    the text itself and the canonical name the registry resolves it to, lower-cased."""
    names = {text.strip().lower()}
    actor = get_registry().resolve(text)
    if actor is not None:
        names.add(actor.name.lower())
    return sorted(names)
