"""Stage *merge*, evidence rules: when two reports must not be merged without a human.

``pipeline/merge.py`` scores a pair of reports on type, date, place and actors.  Real monitor
and wire headlines (bench/ucdp_eval.py) showed the score alone glues reports of different
events: a daily monitor writes one article per incident, so its two articles of one day about
"clashes in the Daraa countryside", or "clashes in X" on two consecutive days, are two events
although type, place and day agree.  These rules look at who wrote the reports and what they
name, and say either

* ``apart``: the two cannot be one event (a hard constraint, like a different type family); or
* ``held``: nothing ties them closely enough; the pair waits for a reviewer (possible duplicate).

Both are pure functions of the two reports, so the incremental merge (merge_update.py) and a
full recompute agree.  Thresholds are data: ``knowledge/merge.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from conflictwire import settings
from conflictwire.knowledge import Knowledge

if TYPE_CHECKING:
    from conflictwire.pipeline.merge import MentionView

POINT = 1  # geo_precision of a named place (village, town, neighbourhood, base)
AREA = 3  # geo_precision of a province, region or country
TIE_KINDS = frozenset({"day", "toll", "actor"})


@lru_cache(maxsize=4)
def thresholds_for(known: Knowledge) -> dict[str, Any]:
    data = known.load_lexicon("merge.yaml")
    out: dict[str, Any] = {"distinct_place_km": float(data.get("distinct_place_km", 5.0)),
                           "toll_ratio": float(data.get("toll_ratio", 3.0)), "toll_slack": int(data.get("toll_slack", 5))}
    for key, default in (("tie_country_level_by", ("day", "toll", "actor")), ("tie_default_type_by", ()),
                         ("tie_nested_areas_by", ())):
        kinds = frozenset(data.get(key, default) or ())
        unknown = kinds - TIE_KINDS
        if unknown:
            raise ValueError(f"merge.yaml {key}: unknown ties {sorted(unknown)} (known: {sorted(TIE_KINDS)})")
        out[key] = kinds
    out["wire_outlets"] = tuple(str(name).strip().lower() for name in data.get("wire_outlets") or ())
    return out


def thresholds() -> dict[str, Any]:
    return thresholds_for(settings.knowledge())


def _outlet(m: "MentionView") -> str | None:
    outlet = m.payload.get("_outlet")
    return outlet.strip().lower() if isinstance(outlet, str) and outlet.strip() else None


def same_article(a: "MentionView", b: "MentionView") -> bool:
    return a.payload.get("article_id") is not None and a.payload.get("article_id") == b.payload.get("article_id")


def same_report(a: "MentionView", b: "MentionView") -> bool:
    """The same article, or a copy of the same text (a syndicated or re-posted report)."""
    return same_article(a, b) or (a.payload.get("quote") or {}).get("text") == (b.payload.get("quote") or {}).get("text")


def one_outlet(a: "MentionView", b: "MentionView") -> bool:
    """Two different reports by the same outlet (unknown outlets are never the same)."""
    outlet = _outlet(a)
    return outlet is not None and outlet == _outlet(b) and not same_report(a, b)


def wire(outlet: str | None) -> bool:
    """A news agency that files a story again as it develops ("UPDATE 2-Blast kills 11 ..."):
    ``wire_outlets`` in knowledge/merge.yaml, a name or its first words ("reuters" for "Reuters News")."""
    return outlet is not None and any(outlet == name or outlet.startswith(name + " ")
                                      for name in thresholds()["wire_outlets"])


def one_feed(a: "MentionView", b: "MentionView") -> bool:
    """Two articles of one outlet that writes one article per incident (a monitor's feed; not a wire,
    whose articles are compared like two outlets' reports)."""
    return one_outlet(a, b) and not wire(_outlet(a))


def distinct_places(a: "MentionView", b: "MentionView", distance: float | None) -> bool:
    """Two different named places (villages, towns, bases: not an area "near X" or a province)
    farther apart than ``distinct_place_km``."""
    if max(a.geo_precision, b.geo_precision) > POINT or a.place_id == b.place_id or distance is None:
        return False
    return distance > thresholds()["distinct_place_km"]


def same_sentence(a: "MentionView", b: "MentionView") -> bool:
    return same_article(a, b) and a.payload.get("sentence_index") == b.payload.get("sentence_index")


def apart(a: "MentionView", b: "MentionView", distance: float | None) -> str | None:
    """Why two reports cannot be one event (None: they may be)."""
    if distinct_places(a, b, distance) and same_sentence(a, b):
        return "one sentence names two different places: two events"
    return None


def held(a: "MentionView", b: "MentionView", distance: float | None) -> str | None:
    """Why two compatible reports must wait for a reviewer (None: they may merge)."""
    if distinct_places(a, b, distance) and not same_article(a, b):
        return "two reports name different places"
    if one_feed(a, b):
        why = _one_outlet_held(a, b, distance)
        if why:
            return why
    if country_only(a) != country_only(b) and not same_article(a, b) and not _tied(a, b):
        return "a country-level report from another article: neither the day nor the toll ties it to this event"
    if country_only(a) and country_only(b) and not same_article(a, b) and killed(a) and killed(b) \
            and not _tied(a, b):
        # "Four Turkish soldiers killed in Syria offensive" / "Turkish soldier killed in northern Syria
        # operation": the place says nothing, and the tolls disagree
        return "two country-level reports with different tolls: nothing ties them"
    if not same_article(a, b) and _tolls_too_far(a, b):
        return "death tolls too far apart for one event"
    return None


def _one_outlet_held(a: "MentionView", b: "MentionView", distance: float | None) -> str | None:
    """An outlet writes one article per incident: two of its articles are one event only when
    they name the same place precisely, the same kind of event, both count the dead (a second
    article on one incident is a toll update or correction), on the same day or, later, with a
    toll no lower (an update)."""
    same_place = a.place_id == b.place_id or (distance is not None and distance <= thresholds()["distinct_place_km"])
    if not same_place or min(a.geo_precision, b.geo_precision) > POINT and not (a.place_id == b.place_id and _updates(a, b)):
        return "same outlet, two articles, no shared named place"
    if a.sub_event_type != b.sub_event_type:
        return "same outlet, two articles, two kinds of event"
    if not (killed(a) and killed(b)):
        return "same outlet, two articles, not both with a death toll: two items of its feed"
    if not (a.date_start <= b.date_end and b.date_start <= a.date_end) and not _toll_update(a, b):
        return "same outlet, two articles on different days"
    return None


def country_only(m: "MentionView") -> bool:
    """Placed only by its country ("in Syria"): no province, no place."""
    return m.geo_precision >= 3 and not m.admin1


def _tied(a: "MentionView", b: "MentionView") -> bool:
    """Something beyond type, day and country ties a country-level report to a finer one
    (``tie_country_level_by``: both texts give the day, or state the same death toll)."""
    return ties(a, b, thresholds()["tie_country_level_by"])


def ties(a: "MentionView", b: "MentionView", kinds: frozenset[str]) -> bool:
    """Do two reports share evidence of one of these kinds (knowledge/merge.yaml): ``day`` both texts
    give the day, ``toll`` both state the same death toll, ``actor`` they name a common actor."""
    if "day" in kinds and a.precision == b.precision == 1:
        return True
    if "toll" in kinds and set(killed(a)) & set(killed(b)):
        return True
    return "actor" in kinds and bool({a.actor1, a.actor2} & {b.actor1, b.actor2} - {None})


def two_outlets(a: "MentionView", b: "MentionView") -> bool:
    """Two reports of two outlets (or of outlets unknown, or two of a wire's): not one article, not two
    of one outlet's feed."""
    return not same_article(a, b) and not one_feed(a, b)


def typed_by_default(m: "MentionView") -> bool:
    """The report names no weapon: its sub-type is its trigger's default ("attack" -> Armed clash)."""
    return any(str(e).startswith("type by default") for e in m.payload.get("evidence") or ())


def generic_type(m: "MentionView") -> bool:
    """The report names no weapon or kind of fighting: typed by its trigger's default ("attack",
    "massacre"), or a bare "killed" typed a clash by who killed whom ("Three soldiers killed in Afrin")."""
    by_roles = f"typed by its agent and patient -> {m.sub_event_type}"  # not retyped by a weapon since
    return any(str(e).startswith("type by default") or str(e) == by_roles for e in m.payload.get("evidence") or ())


def default_type_tied(a: "MentionView", b: "MentionView") -> bool:
    """Two sub-types of one family are one event's when one report's type is generic (no weapon
    named), the other, from another outlet, is told otherwise, and ``tie_default_type_by`` ties them:
    "Turkish soldier killed in attack in Manbij" and "Turkish soldier killed in shelling from Manbij"."""
    return (generic_type(a) or generic_type(b)) and two_outlets(a, b) \
        and ties(a, b, thresholds()["tie_default_type_by"])


def nested_areas_tied(a: "MentionView", b: "MentionView") -> bool:
    """Two reports placed only by areas (province, region, country), one inside the other ("in
    Syria" / "in northern Syria" / "in Raqqa province"), from two outlets, tied by
    ``tie_nested_areas_by``."""
    if min(a.geo_precision, b.geo_precision) < AREA or a.country_code != b.country_code:
        return False
    nested = not a.admin1 or not b.admin1 or a.admin1 == b.admin1
    return nested and two_outlets(a, b) and ties(a, b, thresholds()["tie_nested_areas_by"])


def killed(m: "MentionView") -> list[int]:
    return [c["killed"] for c in m.payload.get("claims") or [] if c.get("killed")]


def _updates(a: "MentionView", b: "MentionView") -> bool:
    """One of them says its toll is an update ("the death toll from Saturday's attack near X rose to five")."""
    return any(c.get("update") for m in (a, b) for c in m.payload.get("claims") or [])


def _toll_update(a: "MentionView", b: "MentionView") -> bool:
    """The later report states a death toll no lower than the earlier one's: an update of it (one far
    higher only when it says so: see ``_far_higher_is_update``)."""
    early, late = (a, b) if (a.date_start, a.date_end) <= (b.date_start, b.date_end) else (b, a)
    if not (killed(late) and killed(early)) or max(killed(late)) < max(killed(early)):
        return False
    return not _far_apart(max(killed(early)), max(killed(late))) or _far_higher_is_update(late)


def _far_apart(low: int, high: int) -> bool:
    limits = thresholds()
    return high > limits["toll_ratio"] * low + limits["toll_slack"]


def _far_higher_is_update(later: "MentionView") -> bool:
    """A toll far above an earlier report's is an update of it only when its own words say the toll
    rose ("the death toll rises to 30": the claim's ``update``).  A bare figure is a tally of something
    else: "442 civilians killed by bombardment on Aleppo" the day after "6 soldiers killed by a missile
    in Aleppo", "Car bomb kills 13 in Afrin" the day after "Landmine kills a child in Afrin"."""
    return any(c.get("update") and c.get("killed") for c in later.payload.get("claims") or [])


def _tolls_too_far(a: "MentionView", b: "MentionView") -> bool:
    """Both state deaths, the larger is more than ``toll_ratio`` x the smaller + ``toll_slack``, and
    it is not a later report's that says the toll rose (an update of the same event)."""
    ka, kb = killed(a), killed(b)
    if not ka or not kb:
        return False
    (low, _low_m), (high, high_m) = sorted(((min(ka), a), (min(kb), b)), key=lambda x: x[0])
    if not _far_apart(low, high):
        return False
    other = b if high_m is a else a
    return not (high_m.date_start > other.date_end and _far_higher_is_update(high_m))
