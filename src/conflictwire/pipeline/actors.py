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
"""

from __future__ import annotations

from datetime import date

from conflictwire.models import ArticleExtraction, EventMention, Statement
from conflictwire.registry import Actor, ActorRegistry, get_registry

GENERIC_KINDS = {"unidentified"}
_EXTERNAL_FORCES = 8
_STATE_FORCES = 1


def normalise_actors(extraction: ArticleExtraction, registry: ActorRegistry | None = None) -> ArticleExtraction:
    """Canonical actor names, inter codes and known-flags on every mention and statement (in place)."""
    registry = registry or get_registry()
    unknown: list[str] = []
    for mention in extraction.mentions:
        _normalise_mention(mention, registry, unknown)
    for statement in extraction.statements:
        _normalise_statement(statement, registry, unknown)
    for name in dict.fromkeys(unknown):
        message = f"actor not in registry, kept as written: {name!r}"
        if message not in extraction.warnings:
            extraction.warnings.append(message)
    return extraction


# --------------------------------------------------------------------------- events


def _normalise_mention(mention: EventMention, registry: ActorRegistry, unknown: list[str]) -> None:
    country = mention.place.country_code if mention.place is not None else None
    on = mention.date.start if mention.date is not None else None

    for claim in mention.responsibility:
        perpetrator = registry.resolve(claim.actor, country, on)
        if perpetrator is not None:
            claim.actor = perpetrator.name
        if claim.claimant:
            claimant = registry.resolve(claim.claimant, country, on)
            if claimant is not None:
                claim.claimant = claimant.name

    actor1 = registry.resolve(mention.actor1, country, on)
    if _is_generic(mention.actor1, actor1):
        named = _perpetrator_from_claims(mention, registry, country, on)
        if named is not None:
            mention.evidence.append(f"actor1 from responsibility claim: {named.name}")
            mention.actor1, actor1 = named.name, named

    mention.actor1, mention.inter1, mention.actor1_known = _apply(mention.actor1, actor1, country, unknown)
    actor2 = registry.resolve(mention.actor2, country, on)
    mention.actor2, mention.inter2, mention.actor2_known = _apply(mention.actor2, actor2, country, unknown)
    # associated actors carry no flag of their own: canonical when known, else as written
    for attr in ("assoc_actor_1", "assoc_actor_2"):
        found = registry.resolve(getattr(mention, attr), country, on)
        if found is not None:
            setattr(mention, attr, found.name)


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
