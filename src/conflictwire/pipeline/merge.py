"""Stage *merge*: reports of the same real-world event become one event.

Events are a pure function of the stored mentions plus the human merge decisions,
computed per country block.  That makes merging incremental (only blocks with new
mentions are recomputed), order-independent (mentions are sorted by a stable key
before clustering) and safe to re-run (the same mentions give the same events).

Granularity follows ACLED: one type family, one place, one day, compatible actors.
Each pair is scored on four signals; a mention joins the best-scoring compatible
cluster above ``MERGE_AT``; pairs between ``REVIEW_AT`` and ``MERGE_AT`` are stored
as *possible duplicates* for a human to confirm or split.  Hard constraints
(type family, dates, distance, actors, a human "different") hold against every
member of a cluster, so chaining can never glue two incompatible reports together.

Evidence that is too thin is held for review rather than merged: two reports that both
lack the day (dated by publication) merge only when a named place ties them (and, when
their dates do not overlap, the same place), or, placed only by province or country, when
published the same day.  A country-level summary joins a precise event only when that event
is the only candidate or is told by the summary's own article.  An undated follow-up
published up to ``FOLLOW_UP_DAYS`` after a day-precise report joins it at the same named
place with the same sub-type.  Measured on tests/fixtures/merge (bench/merge_eval.py).

Who wrote two reports and what they name is judged by ``merge_rules`` (one sentence naming two
places, one outlet's two articles, country-level reports, tolls too far apart): a pair it holds
for review holds the whole cluster.  Measured on real headlines (bench/ucdp_eval.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from conflictwire.geo import haversine_km
from conflictwire.models import stable_id
from conflictwire.pipeline import merge_rules
from conflictwire.vocab import SUB_EVENT_TO_TYPE, TYPE_FAMILY

MERGE_AT = 0.75
REVIEW_AT = 0.55
WEIGHTS = {"type": 0.35, "date": 0.25, "place": 0.25, "actors": 0.15}
# Sub-types that outlets routinely confuse for the same incident (a missile strike
# reported as an air strike by one outlet and as shelling by another).
REMOTE_FAMILY = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                 "Suicide bomb", "Grenade"}
SAME_PLACE_KM = 5.0
NEAR_PLACE_KM = 25.0
NEAR_PRECISION_KM = 40.0
# An undated report published this many days after a day-precise one may still tell the same strike
# (same named place, same sub-type); one day after is the ordinary case (any place rule).
FOLLOW_UP_DAYS = 2


@dataclass
class MentionView:
    """The fields of a stored mention the merge looks at."""

    mention_id: str
    payload: dict[str, Any]
    date_start: date
    date_end: date
    precision: int
    sub_event_type: str
    event_type: str
    lat: float | None
    lon: float | None
    geo_precision: int
    admin1: str | None
    country_code: str | None
    place_id: str | None
    actor1: str | None
    actor2: str | None

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> "MentionView":
        place = p.get("place") or {}
        when = p["date"]
        return cls(
            mention_id=p["mention_id"], payload=p,
            date_start=date.fromisoformat(when["start"]), date_end=date.fromisoformat(when["end"]),
            precision=int(when.get("precision") or 1), sub_event_type=p["sub_event_type"],
            event_type=p.get("event_type") or SUB_EVENT_TO_TYPE.get(p["sub_event_type"], ""),
            lat=place.get("latitude"), lon=place.get("longitude"),
            geo_precision=int(place.get("geo_precision") or 3), admin1=place.get("admin1"),
            country_code=place.get("country_code"), place_id=place.get("place_id"),
            actor1=p.get("actor1"), actor2=p.get("actor2"),
        )

    def sort_key(self) -> tuple[Any, ...]:
        # Precise reports first, so they seed clusters that vaguer reports can join.
        return (self.date_start.isoformat(), self.precision, self.geo_precision, self.mention_id)


@dataclass
class Cluster:
    members: list[MentionView] = field(default_factory=list)
    reasons: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Decisions:
    same: set[frozenset[str]]
    different: set[frozenset[str]]
    # mention id -> the mentions a reviewer confirmed as the same event, sorted (derived from `same`)
    partners: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> "Decisions":
        same, different = set(), set()
        for row in rows:
            pair = frozenset((row["mention_a"], row["mention_b"]))
            (same if row["decision"] == "same" else different).add(pair)
        partners: dict[str, list[str]] = {}
        for pair in same:
            for mention_id in pair:
                partners.setdefault(mention_id, []).extend(pair - {mention_id})
        return cls(same, different, {k: sorted(v) for k, v in partners.items()})


ActorCheck = Any  # callable(a: str | None, b: str | None) -> bool


def pair_score(a: MentionView, b: MentionView, actors_compatible: ActorCheck,
               why: list[str] | None = None) -> tuple[float, dict[str, Any]] | None:
    """Score two mentions as reports of one event; None when they cannot be one event (and then,
    given a ``why`` list, the hard constraint that failed is appended to it: ``explain_pair``)."""
    reasons: dict[str, Any] = {}
    type_score = _type_score(a, b)
    if type_score is None:
        return _refused(why, "type")
    date_result = _date_score(a, b)
    if date_result is None:
        return _refused(why, "date")
    date_score, delta, same_day_cap = date_result
    place_result = _place_score(a, b)
    if place_result is None:
        return _refused(why, "place")
    place_score, distance = place_result
    apart = merge_rules.apart(a, b, distance)
    if apart:
        return _refused(why, apart)
    if delta > 1 and not _late_follow_up_fits(a, b, place_score):
        return _refused(why, "date: a late follow-up at another place or of another sub-type")
    actor_score = _actor_score(a, b, actors_compatible)
    if actor_score is None:
        return _refused(why, "actors")
    score = (WEIGHTS["type"] * type_score + WEIGHTS["date"] * date_score
             + WEIGHTS["place"] * place_score + WEIGHTS["actors"] * actor_score)
    if same_day_cap:
        # Two day-precise reports a day apart may be one late-night strike or two
        # strikes on consecutive days: only a human can tell.
        score = min(score, MERGE_AT - 0.01)
    vague = _vague_pair(a, b, overlapping=date_score > 0.5, place_score=place_score) or merge_rules.held(a, b, distance)
    if vague:
        score = min(score, MERGE_AT - 0.01)
        reasons["held_for_review"] = vague
    reasons.update(score=round(score, 3), date_delta_days=delta,
                   distance_km=None if distance is None else round(distance, 1),
                   type=f"{a.sub_event_type} ~ {b.sub_event_type}",
                   actors=f"{a.actor1} / {b.actor1}", place_score=place_score)
    return score, reasons


def _refused(why: list[str] | None, reason: str) -> None:
    if why is not None:
        why.append(reason)
    return None


PLACE_REFUSED = {
    "none": "place: one report has no place (a block of its own)",
    "areas": "place: two different areas, not nested and tied",
    "province": "place: a place outside the other report's province",
    "far": "place: two places too far apart",
}


def explain_pair(a: MentionView, b: MentionView, actors_compatible: ActorCheck) -> str:
    """Why two reports are not merged with each other, in a word or a sentence: the hard constraint
    that fails (type, date, place, actors, ...), the rule that holds them for review, the cap on two
    day-precise reports a day apart, a score below ``MERGE_AT``; "merges" when the pair alone would.
    For measuring (bench/merge_eval.py --ucdp); the merge itself never needs it."""
    why: list[str] = []
    scored = pair_score(a, b, actors_compatible, why)
    if scored is None:
        if why[0] != "place":
            return why[0]
        if a.country_code is None or a.country_code != b.country_code:
            return PLACE_REFUSED["none"]
        if min(a.geo_precision, b.geo_precision) >= 3:
            return PLACE_REFUSED["areas"]
        if max(a.geo_precision, b.geo_precision) >= 3:
            return PLACE_REFUSED["province"]
        return PLACE_REFUSED["far" if a.lat is not None and b.lat is not None else "none"]
    score, reasons = scored
    if "held_for_review" in reasons:
        return "held: " + reasons["held_for_review"]
    if _date_score(a, b)[2]:  # type: ignore[index]
        return "held: two day-precise reports a day apart"
    return "merges" if score >= MERGE_AT else f"score below {MERGE_AT}"


def _vague_pair(a: MentionView, b: MentionView, *, overlapping: bool, place_score: float) -> str | None:
    """Why two reports that agree only loosely must not merge automatically (None: they may).

    A report without a day of its own is dated by its publication ("on or before that day",
    precision 2).  Two such reports share no evidence of being one event beyond type and
    actor: "US strikes Houthi missiles in Yemen" published on Wednesday and again on
    Thursday were two strikes, and so may be two reports whose week-long ranges overlap.
    Their pair is queued for a human unless something ties them together: a named place
    for both (not a whole province or country) and, when their dates do not even overlap,
    the same place; or, placed coarsely, the same single day (published the same day).
    """
    if a.precision == 1 or b.precision == 1:
        return None
    if max(a.geo_precision, b.geo_precision) >= 3:
        if a.date_start == a.date_end == b.date_start == b.date_end:
            return None
        return "neither report gives the day, one gives only a province or country, and not the same day"
    if not overlapping and place_score < 1.0:
        return "neither report gives the day, their dates do not overlap and the places differ"
    return None


def _type_score(a: MentionView, b: MentionView) -> float | None:
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    if TYPE_FAMILY.get(a.event_type) != TYPE_FAMILY.get(b.event_type) or TYPE_FAMILY.get(a.event_type) != "violent":
        return None
    if a.sub_event_type in REMOTE_FAMILY and b.sub_event_type in REMOTE_FAMILY:
        return 0.7
    if a.event_type == b.event_type:
        return 0.5
    # "X claimed the attack on the base": a claimed bare "attack" is typed a clash for want of a weapon;
    # another report's rockets say what it was (one report's two events stay two).  So is an unclaimed
    # one when another outlet's report names the weapon and the same toll ties them (merge_rules).
    if not merge_rules.same_article(a, b) and (_claimed_by_default(a) or _claimed_by_default(b)):
        return 0.5
    return 0.5 if merge_rules.default_type_tied(a, b) else None


def _claimed_by_default(m: MentionView) -> bool:
    return merge_rules.typed_by_default(m) and any(r.get("kind") == "claimed" for r in m.payload.get("responsibility") or ())


def _date_score(a: MentionView, b: MentionView) -> tuple[float, int, bool] | None:
    if a.date_start <= b.date_end and b.date_start <= a.date_end:
        delta = abs((a.date_start - b.date_start).days) if a.precision == b.precision == 1 else 0
        return (1.0 if a.precision == b.precision else 0.8), delta, False
    gap = min(abs((a.date_start - b.date_end).days), abs((b.date_start - a.date_end).days))
    if gap > 1 and not (gap <= FOLLOW_UP_DAYS and _follow_up(a, b)):
        return None
    return 0.5, gap, a.precision == 1 and b.precision == 1


def _on_or_before(m: MentionView) -> bool:
    """Dated only by the day it was reported ("on or before", precision 2, one day)."""
    return m.precision == 2 and m.date_start == m.date_end


def _follow_up(a: MentionView, b: MentionView) -> bool:
    """One report gives the day, the other, published later, gives none (checked for place by the caller)."""
    dated, undated = (a, b) if a.precision == 1 else (b, a)
    return dated.precision == 1 and _on_or_before(undated) and undated.date_start > dated.date_start


def _late_follow_up_fits(a: MentionView, b: MentionView, place_score: float) -> bool:
    """A follow-up published days later without a day of its own ("Al-Qaim buries its dead after US
    strikes") is the dated strike only at the very same named place and with the same sub-type; a base
    attacked again two days later is told with the same words."""
    named = max(a.geo_precision, b.geo_precision) <= 2
    return named and place_score == 1.0 and a.sub_event_type == b.sub_event_type


def _place_score(a: MentionView, b: MentionView) -> tuple[float, float | None] | None:
    if a.country_code != b.country_code or a.country_code is None:
        return None  # reports kept without a location are never merged: nothing says where
    if a.place_id and a.place_id == b.place_id:
        return 1.0, 0.0
    coarse = max(a.geo_precision, b.geo_precision) >= 3
    if coarse:
        # A province- or country-level report can absorb a precise one inside it
        # (checked for ambiguity by the caller).
        if min(a.geo_precision, b.geo_precision) >= 3 and a.place_id != b.place_id \
                and not merge_rules.nested_areas_tied(a, b):
            return None
        fine, rough = (a, b) if a.geo_precision < b.geo_precision else (b, a)
        if rough.admin1 and fine.admin1 and rough.admin1 != fine.admin1:
            return None
        return 0.5, None
    if a.lat is None or b.lat is None:
        return None
    distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
    limit = NEAR_PLACE_KM if max(a.geo_precision, b.geo_precision) == 1 else NEAR_PRECISION_KM
    if distance > limit:
        return None
    return (1.0 if distance <= SAME_PLACE_KM else 0.6), distance


def _actor_score(a: MentionView, b: MentionView, actors_compatible: ActorCheck) -> float | None:
    score = 1.0
    for left, right in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if not left or not right:
            score = min(score, 0.7)
        elif left != right:
            if not actors_compatible(left, right):
                return None
            score = min(score, 0.85)
    return score


@dataclass
class Placement:
    """Where one mention goes, given the clusters before it: the pure step both merge paths share."""

    target: Cluster | None  # None: the mention starts a new cluster
    reason: dict[str, Any] | None  # the merge reason recorded on the target (None for a new cluster)
    review: list[tuple[float, Cluster, dict[str, Any]]]  # other candidates worth a human look


def place_mention(mention: MentionView, open_clusters: list[Cluster], decisions: Decisions,
                  forced: Cluster | None, actors_compatible: ActorCheck) -> Placement:
    """The greedy step: the reviewer's cluster, else the best-scoring compatible cluster above MERGE_AT.

    ``open_clusters`` may hold any clusters (members sorted, only those before ``mention``): the
    hard constraints drop the ones that cannot take it, so passing more changes nothing.
    """
    if forced is not None:
        return Placement(forced, {"mention_id": mention.mention_id, "decision": "confirmed by reviewer"}, [])
    candidates = _candidates(mention, open_clusters, decisions, actors_compatible)
    target: Cluster | None = None
    reason: dict[str, Any] | None = None
    if candidates:
        best_score, best_cluster, best_reason = candidates[0]
        strong = [c for c in candidates if c[0] >= MERGE_AT]
        ambiguous = best_reason["place_score"] == 0.5 and len(strong) > 1
        if best_score >= MERGE_AT and not ambiguous:
            target = best_cluster
            reason = {"mention_id": mention.mention_id, "decision": "merged", **best_reason}
        elif best_score >= MERGE_AT and _country_only(mention) and (told := _told_by_same_article(mention, strong)):
            # "Strikes on 85 targets in Iraq and Syria" in an article that also tells the
            # strikes precisely: a separate country-level event would count them twice, so it
            # joins the most likely of the events its own article tells, and says so.  The same
            # summary from another article stays apart (offered for review): nothing ties it
            # to one strike rather than another.
            _score, target, told_reason = _most_likely(told)
            reason = {"mention_id": mention.mention_id, **told_reason,
                      "decision": f"country-level report absorbed into the most likely of "
                                  f"{len(strong)} compatible events"}
    review = [(score, cluster, why) for score, cluster, why in candidates
              if cluster is not target and score >= REVIEW_AT]
    return Placement(target, reason, review)


def cluster_mentions(mentions: list[MentionView], decisions: Decisions,
                     actors_compatible: ActorCheck) -> tuple[list[Cluster], list[dict[str, Any]]]:
    """Greedy, order-independent clustering; returns clusters and possible-duplicate pairs."""
    ordered = sorted(mentions, key=MentionView.sort_key)
    clusters: list[Cluster] = []
    by_id: dict[str, Cluster] = {}
    review: list[dict[str, Any]] = []
    # Date window: mentions come in start-date order and every member of a cluster must
    # end no earlier than FOLLOW_UP_DAYS before the mention starts (the hard date constraint,
    # complete link), so a cluster whose earliest-ending member ends before that can
    # never take this or any later mention.  Scoring only the clusters still open keeps
    # a block linear in its size instead of quadratic; the result is the same.
    open_clusters: list[Cluster] = []
    earliest_end: dict[int, date] = {}
    for mention in ordered:
        horizon = mention.date_start - timedelta(days=FOLLOW_UP_DAYS)
        open_clusters = [c for c in open_clusters if earliest_end[id(c)] >= horizon]
        placed = place_mention(mention, open_clusters, decisions, _forced_cluster(mention, decisions, by_id),
                               actors_compatible)
        review.extend({"mention": mention, "cluster": cluster, "score": score, "reason": why}
                      for score, cluster, why in placed.review)
        target = placed.target
        if target is None:
            target = Cluster()
            clusters.append(target)
            open_clusters.append(target)
        else:
            target.reasons.append(placed.reason)
        target.members.append(mention)
        earliest_end[id(target)] = min(earliest_end.get(id(target), mention.date_end), mention.date_end)
        by_id[mention.mention_id] = target
    return clusters, review


_country_only = merge_rules.country_only


def _told_by_same_article(mention: MentionView, strong: list[tuple[float, Cluster, dict[str, Any]]]
                          ) -> list[tuple[float, Cluster, dict[str, Any]]]:
    article = mention.payload.get("article_id")
    return [item for item in strong if any(m.payload.get("article_id") == article for m in item[1].members)]


def _most_likely(told: list[tuple[float, Cluster, dict[str, Any]]]) -> tuple[float, Cluster, dict[str, Any]]:
    """The best score, then the most reported, then the stable id."""

    def key(item: tuple[float, Cluster, dict[str, Any]]) -> tuple[Any, ...]:
        score, cluster, _reason = item
        return (-score, -len(cluster.members), cluster.members[0].mention_id)

    return min(told, key=key)


def _forced_cluster(mention: MentionView, decisions: Decisions, by_id: dict[str, Cluster]) -> Cluster | None:
    for other in decisions.partners.get(mention.mention_id, ()):
        if other in by_id:
            return by_id[other]
    return None


def _candidates(mention: MentionView, clusters: list[Cluster], decisions: Decisions,
                actors_compatible: ActorCheck) -> list[tuple[float, Cluster, dict[str, Any]]]:
    found = []
    for cluster in clusters:
        if any(frozenset((mention.mention_id, m.mention_id)) in decisions.different for m in cluster.members):
            continue
        scored = []
        for member in cluster.members:
            score = pair_score(mention, member, actors_compatible)
            if score is None:
                break  # complete link on hard constraints: the first pair that cannot be one event drops it
            scored.append(score)
        if len(scored) < len(cluster.members):
            continue
        best = max(scored, key=lambda s: s[0])  # type: ignore[index]
        held = next((s[1]["held_for_review"] for s in scored if "held_for_review" in s[1]), None)  # type: ignore[index]
        if held and best[0] >= MERGE_AT:  # type: ignore[index]
            # A pair held for review holds the cluster: no chaining past it through another member.
            best = (MERGE_AT - 0.01, {**best[1], "held_for_review": held})  # type: ignore[index]
        found.append((best[0], cluster, {**best[1], "joined_with": cluster.members[0].mention_id}))
    found.sort(key=lambda item: (-item[0], item[1].members[0].mention_id))
    return found


# ---------------------------------------------------------------------------- building events


def build_event(cluster: Cluster) -> dict[str, Any]:
    members = sorted(cluster.members, key=MentionView.sort_key)
    event_id = stable_id("event", min(m.mention_id for m in members))
    when = min(members, key=lambda m: (m.precision, m.date_start.isoformat(), m.mention_id))
    where = _best_place(members)
    place = where.payload.get("place") or {}
    weighed = [m for m in members if not _claimed_by_default(m)] or members  # a weapon named beats a claim's default
    sub_type = _majority([m.sub_event_type for m in weighed], weighed)
    typed = next(m for m in members if m.sub_event_type == sub_type)
    actor1 = _majority_actor([m.actor1 for m in members])
    actor2 = _majority_actor([m.actor2 for m in members if m.actor2 != actor1])  # one side is no target of itself
    claims = _claims(members)
    # A toll stated for several places counts with this event's share of it (see geocode); a figure a
    # later update of its source replaced ("the death toll rose to five") no longer counts.
    killed = [_own(c, "killed") for c in claims if c.get("killed") is not None and not c.get("superseded_by")]
    injured = [_own(c, "injured") for c in claims if c.get("injured") is not None]
    record = {
        "event_id": event_id,
        "event_date": when.date_start.isoformat() if when.precision == 1 else when.date_end.isoformat(),
        "date_range": None if when.precision == 1 else [when.date_start.isoformat(), when.date_end.isoformat()],
        "time_precision": when.precision,
        "event_type": SUB_EVENT_TO_TYPE[sub_type],
        "sub_event_type": sub_type,
        "plover_event": typed.payload.get("plover_event"),
        "plover_mode": typed.payload.get("plover_mode"),
        "actor1": actor1,
        "assoc_actor_1": _assoc([m.payload.get("assoc_actor_1") for m in members]
                                + [m.actor1 for m in members if m.actor1 and m.actor1 != actor1]),
        "inter1": _inter(members, "1", actor1),
        "actor2": actor2,
        "assoc_actor_2": _assoc([m.payload.get("assoc_actor_2") for m in members]
                                + [m.actor2 for m in members if m.actor2 and m.actor2 != actor2]),
        "inter2": _inter(members, "2", actor2),
        "country": place.get("country"),
        "country_code": place.get("country_code"),
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "location": place.get("name"),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": place.get("geo_precision"),
        # ACLED's rule: the most conservative credible figure; 0 when no death is reported.
        "fatalities": min(killed) if killed else 0,
        "injuries": min(injured) if injured else None,
        "claims": claims,
        "responsibility": _responsibility(members),
        "weapons": sorted({w for m in members for w in m.payload.get("weapons") or []}),
        "targets": sorted({x for m in members for x in m.payload.get("targets") or []}),
        "sources": [_source(m) for m in members],
        "confidence": _confidence(members),
        "merge_reasons": cluster.reasons,
    }
    record["notes"] = notes_for(record)
    return record


def _best_place(members: list[MentionView]) -> MentionView:
    counts = Counter(m.place_id for m in members)
    return min(members, key=lambda m: (m.geo_precision, -counts[m.place_id], m.place_id or "", m.mention_id))


def _majority(values: list[str], members: list[MentionView]) -> str:
    weight: Counter[str] = Counter()
    for value, member in zip(values, members):
        weight[value] += float(member.payload.get("confidence") or 0.5)
    return sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _majority_actor(values: list[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    return sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _assoc(values: list[str | None]) -> str | None:
    names = sorted({v for v in values if v})
    return "; ".join(names) if names else None


def _inter(members: list[MentionView], side: str, actor: str | None) -> int | None:
    for m in members:
        if m.payload.get(f"actor{side}") == actor and m.payload.get(f"inter{side}") is not None:
            return m.payload[f"inter{side}"]
    return None


def _claims(members: list[MentionView]) -> list[dict[str, Any]]:
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    out = []
    for m in members:
        for claim in m.payload.get("claims") or []:
            quote = claim.get("quote") or {}
            key = (m.payload["article_id"], quote.get("start"), claim.get("killed"), claim.get("injured"))
            if key in seen:
                _add_share(seen[key], claim)
                continue
            out.append({
                "claimant": claim.get("claimant"),
                "source_outlet": claim.get("source_outlet") or m.payload.get("_outlet"),
                "killed": claim.get("killed"), "injured": claim.get("injured"),
                "captured": claim.get("captured"), "victims": claim.get("victims"),
                "qualifier": claim.get("qualifier"), "quote": quote.get("text"),
                "start": quote.get("start"), "end": quote.get("end"),
                "article_id": m.payload["article_id"],
                "shared_by": claim.get("shared_by") or 1,
                "killed_share": claim.get("killed_share"), "injured_share": claim.get("injured_share"),
                "update": bool(claim.get("update")), "published": m.payload.get("_published"),
            })
            seen[key] = out[-1]
    supersede(out)
    return out


def _add_share(kept: dict[str, Any], claim: dict[str, Any]) -> None:
    """Two places' shares of one toll that end up in one event ("killed five people in Mhardeh in Hama
    province", split 3 + 2 between the town and its province) are that event's share together."""
    if (kept.get("shared_by") or 1) < 2 or (claim.get("shared_by") or 1) < 2:
        return
    for field in ("killed", "injured"):
        part, more = kept.get(f"{field}_share"), claim.get(f"{field}_share")
        if part is not None and more is not None:
            kept[f"{field}_share"] = min(part + more, kept[field])


def supersede(claims: list[dict[str, Any]]) -> None:
    """A toll update ("the death toll rose to five") replaces the lower death figures given earlier in its own
    report (whoever gave them: the report tells one count rising) or by its source in an earlier report (the
    same claimant, or none named on either side); so does a
    higher figure the same named claimant gives in a later report of the same outlet.  The replaced claim
    stays on the card, marked ``superseded_by`` the update's quote."""
    def when(c: dict[str, Any]) -> tuple[str, str, int]:
        return (str(c.get("published") or ""), str(c.get("article_id")), int(c.get("start") or 0))

    def who(c: dict[str, Any]) -> str | None:
        name = re.sub(r"^(?:an?|the)\s+|s$", "", (c.get("claimant") or "").strip().lower())
        return name or None

    for update in [c for c in claims if c.get("update") and c.get("killed") is not None]:
        for old in claims:
            if old is update or old.get("killed") is None or old["killed"] >= update["killed"]:
                continue
            same_report = old.get("article_id") == update.get("article_id")
            # in its own report an update replaces every lower figure, told before or after it ("The toll rose to
            # 13 ... Earlier, SANA had reported eight")
            later = same_report or when(old) < when(update)
            if later and (same_report or who(old) is None or who(update) is None or who(old) == who(update)):
                old["superseded_by"] = update.get("quote")
    # A named source's later, higher figure for the same event in a later report of the same outlet is its
    # current count ("Turkish soldier killed - ministry", next day "Two Turkish soldiers killed - ministry")
    for new in [c for c in claims if c.get("killed") is not None and who(c) and c.get("source_outlet")]:
        for old in claims:
            if old is new or old.get("killed") is None or old["killed"] >= new["killed"] or old.get("superseded_by") \
                    or old.get("article_id") == new.get("article_id") or not str(old.get("published") or "") \
                    or str(old.get("published") or "") >= str(new.get("published") or ""):
                continue
            if who(old) == who(new) and old.get("source_outlet") == new.get("source_outlet"):
                old["superseded_by"] = new.get("quote")


def _own(claim: dict[str, Any], field: str) -> int:
    """The part of a claim's figure that belongs to this event."""
    if (claim.get("shared_by") or 1) > 1 and claim.get(f"{field}_share") is not None:
        return claim[f"{field}_share"]
    return claim[field]


def _responsibility(members: list[MentionView]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for m in members:
        for item in m.payload.get("responsibility") or []:
            quote = item.get("quote") or {}
            key = (m.payload["article_id"], quote.get("start"), item.get("actor"), item.get("kind"))
            if key in seen:
                continue
            seen.add(key)
            out.append({"claimant": item.get("claimant"), "actor": item.get("actor"), "kind": item.get("kind"),
                        "quote": quote.get("text"), "start": quote.get("start"), "end": quote.get("end"),
                        "article_id": m.payload["article_id"]})
    return out


def _source(m: MentionView) -> dict[str, Any]:
    quote = m.payload["quote"]
    return {"document": m.payload.get("_path"), "article_id": m.payload["article_id"],
            "outlet": m.payload.get("_outlet"), "published": m.payload.get("_published"),
            "quote": quote["text"], "start": quote["start"], "end": quote["end"], "mention_id": m.mention_id}


def _confidence(members: list[MentionView]) -> float:
    # Independent reports make an event more credible: 1 - prod(1 - c_i), capped.
    doubt = 1.0
    for m in members:
        doubt *= 1.0 - float(m.payload.get("confidence") or 0.5)
    return round(min(0.99, 1.0 - doubt), 3)


_VERBS = {
    "Air/drone strike": "carried out an air/drone strike",
    "Shelling/artillery/missile attack": "fired missiles, rockets or shells",
    "Remote explosive/landmine/IED": "detonated an explosive device",
    "Suicide bomb": "carried out a suicide bombing",
    "Grenade": "threw a grenade",
    "Armed clash": "clashed",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Arrests": "arrested",
    "Disrupted weapons use": "intercepted or disrupted an attack",
    "Change to group/activity": "announced a change to its activity",
    "Agreement": "reached an agreement",
    "Looting/property destruction": "destroyed property",
}


def notes_for(event: dict[str, Any]) -> str:
    """One sentence in ACLED's style, built only from the event's own fields."""
    when = date.fromisoformat(event["event_date"])
    day = f"{when.day} {when.strftime('%B %Y')}"
    lead = f"On {day}" if event["time_precision"] == 1 else f"Around {day}"
    actor = event["actor1"] or "unidentified actors"
    verb = _VERBS.get(event["sub_event_type"], event["sub_event_type"].lower())
    target = f" targeting {event['actor2']}" if event.get("actor2") else ""
    place = event.get("location") or event.get("country") or "an unknown location"
    if event.get("admin1") and event.get("admin1") != place:
        place = f"{place} ({event['admin1']})"
    sentence = f"{lead}, {actor} {verb}{target} in {place}."
    said: list[str] = []
    for claim in event["claims"]:
        if claim.get("killed") is None and claim.get("injured") is None or claim.get("superseded_by"):
            continue
        who = claim.get("claimant") or claim.get("source_outlet") or "a source"
        parts = []
        if claim.get("killed") is not None:
            parts.append(f"{claim['killed']} killed")
        if claim.get("injured") is not None:
            parts.append(f"{claim['injured']} injured")
        line = f"{who} reported {' and '.join(parts)}"
        if (claim.get("shared_by") or 1) > 1:
            line += f" across {claim['shared_by']} places"
        if line not in said:  # the same claim carried by several outlets is said once
            said.append(line)
        if len(said) == 3:
            break
    if said:
        sentence += " " + "; ".join(said) + "."
    return sentence


def merge_block(payloads: list[dict[str, Any]], decision_rows: list[dict[str, Any]],
                actors_compatible: ActorCheck) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Events and possible-duplicate pairs for one country block."""
    events, pairs, _items = merge_block_items(payloads, decision_rows, actors_compatible)
    return events, pairs


def merge_block_items(payloads: list[dict[str, Any]], decision_rows: list[dict[str, Any]] | Decisions,
                      actors_compatible: ActorCheck
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Events, possible-duplicate pairs and the review items the pairs come from (stored, so an
    incremental merge can derive the pairs of the events it changes: pipeline/merge_update.py)."""
    views = [MentionView.from_payload(p) for p in payloads]
    decisions = decision_rows if isinstance(decision_rows, Decisions) else Decisions.from_rows(decision_rows)
    clusters, review = cluster_mentions(views, decisions, actors_compatible)
    events = [build_event(c) for c in clusters]
    event_of = {m.mention_id: e["event_id"] for c, e in zip(clusters, events) for m in c.members}
    items: list[dict[str, Any]] = []
    for item in review:
        mention_id = item["mention"].mention_id
        rank = items[-1]["rank"] + 1 if items and items[-1]["mention_id"] == mention_id else 0
        items.append(review_item(item["mention"], rank, item["cluster"].members[0].mention_id,
                                 item["score"], item["reason"]))
    return events, pairs_from_items(items, event_of), items


def review_item(mention: MentionView, rank: int, seed_id: str, score: float,
                reason: dict[str, Any]) -> dict[str, Any]:
    """One candidate cluster (named by its first member) a mention did not join but a human may."""
    return {"mention_id": mention.mention_id, "rank": rank, "seed_id": seed_id,
            "country_code": mention.country_code, "score": score, "reason": reason}


def pairs_from_items(items: list[dict[str, Any]], event_of: dict[str, str]) -> list[dict[str, Any]]:
    """Possible-duplicate pairs of events: per pair of events, the best-scoring item (the first
    of equals); ``items`` come in merge order (the mention's sort key, then its rank)."""
    pairs: dict[str, dict[str, Any]] = {}
    for item in items:
        a, b = item["mention_id"], item["seed_id"]
        ea, eb = event_of[a], event_of[b]
        if ea == eb:
            continue
        pair_id = stable_id("pair", *sorted((ea, eb)))
        if pair_id in pairs and pairs[pair_id]["score"] >= item["score"]:
            continue
        pairs[pair_id] = {"pair_id": pair_id, "event_a": min(ea, eb), "event_b": max(ea, eb),
                          "mention_a": a, "mention_b": b, "country_code": item["country_code"],
                          "score": round(item["score"], 3), "reasons": item["reason"]}
    return [pairs[k] for k in sorted(pairs)]


def default_actor_check() -> ActorCheck:
    from conflictwire.registry import get_registry

    return get_registry().compatible


# A block is merged from scratch when its new reports are at least this share of it (first
# ingests, bulk loads): placing a report incrementally costs a few queries, the full walk one
# read of the block.  Both give the same events.
FULL_SHARE = 0.2


def run_merge(store: Any, actors_compatible: ActorCheck | None = None, *, rebuild: bool = False,
              full_share: float | None = FULL_SHARE) -> int:
    """Merge every country block that has new mentions; returns the number of blocks merged.

    New mentions are placed into the stored events (pipeline/merge_update.py) unless they are
    ``full_share`` of their block or more (None: always incrementally); ``rebuild`` recomputes
    every block from its mentions, e.g. after a change of knowledge.
    """
    from conflictwire.pipeline.merge_update import update_block
    from conflictwire.store import merge_store as ms

    # Concurrent ingests into one PostgreSQL database merge one at a time.
    lock = getattr(store, "merge_lock", None)
    with lock() if lock else nullcontext():
        blocks = store.all_countries() if rebuild else store.unmerged_countries()
        if not blocks and not rebuild:  # a re-ingest of unchanged input: no registry to load
            return 0
        check = actors_compatible or default_actor_check()
        decisions = Decisions.from_rows(store.decisions()) if blocks else None
        if blocks and not rebuild:
            with store.engine.begin() as c:
                ms.analyze_if_never(c)
        if blocks:
            # The merge reads and rewrites the machine's events only; the analysts' curated events
            # are made again from them afterwards (apply_analyst_decisions).
            from conflictwire.store.decisions import clear_curation

            with store.engine.begin() as c:
                clear_curation(c)
        for country_code in blocks:
            new: list[dict[str, Any]] = []
            if not rebuild:
                with store.engine.connect() as c:
                    unmerged = ms.unmerged(c, country_code)
                    # is the block big enough to merge incrementally?  Count no further than that.
                    size = ms.block_size(c, country_code, at_most=math.floor(len(unmerged) / full_share) + 1) \
                        if full_share else 0
                if full_share is None or len(unmerged) < full_share * size:
                    update_block(store, country_code, decisions, check, unmerged)
                    continue
            payloads = store.mentions_in(country_code)
            if not rebuild:  # the block's reports in no event yet (another ingest may have added some)
                with store.engine.connect() as c:
                    placed = ms.events_of(c, [p["mention_id"] for p in payloads])
                new = [p for p in payloads if p["mention_id"] not in placed]
            events, pairs, items = merge_block_items(payloads, decisions, check)
            store.replace_block(country_code, events, pairs, items, new_mentions=new)
        if rebuild:
            store.refresh_actors()
        if blocks:
            apply_analyst_decisions(store)
    return len(blocks)


def apply_analyst_decisions(store: Any) -> None:
    """After clustering: the analysts' corrections (pipeline/decisions.py) over the machine's events."""
    from conflictwire.pipeline.decisions import apply_decisions

    apply_decisions(store)

