"""Matching system records to gold and counting: names, anchors, dates and places compared
under the gold's tolerances; events paired one-to-one, greedy by score (ties broken by gold
order, then system id); statements, tallies, articles and page chrome checked per document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from conflictwire.evaluate.gold import Gold, GoldClaim, GoldDocument, GoldEvent, GoldStatement, GoldTally, Tolerances
from conflictwire.evaluate.records import Count, Finding, Scores, SystemDocument
from conflictwire.geo import haversine_km
from conflictwire.vocab import TYPE_FAMILY


# Weights of the pair score; eligibility rules are in _event_pair_score.
ANCHOR_WEIGHT = 3.0
DATE_WEIGHT = 1.0
PLACE_WEIGHT = 1.0
COUNTRY_WEIGHT = 0.5
SUBTYPE_WEIGHT = 1.0
ACTOR_WEIGHT = 0.5
EVENT_FIELDS = ("event_type", "sub_event_type", "date", "place", "country", "actor1", "actor2", "fatalities")
ARTICLE_FIELDS = ("title", "outlet", "published")
NAME_STOPWORDS = frozenset({"the", "a", "an", "of"})


def norm_text(text: str | None) -> str:
    """Casefolded, quotes and dashes straightened, whitespace collapsed: for containment tests."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                                         "\u2013": "-", "\u2014": "-", "\u00a0": " "}))
    return " ".join(text.casefold().split())


def norm_name(name: str | None) -> str:
    """Names compared as words: parenthesised suffixes ("(2017-2021)") and apostrophes dropped."""
    if not name:
        return ""
    text = re.sub(r"\([^)]*\)", " ", norm_text(name))
    text = text.replace("'", "").replace("`", "")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _name_words(name: str | None) -> frozenset[str]:
    return frozenset(w for w in norm_name(name).split() if w not in NAME_STOPWORDS)


def name_equal(gold: Sequence[str], system: str | None) -> bool:
    """Actor / outlet names: equal after norm_name to one of the gold alternatives."""
    return bool(system) and norm_name(system) in {norm_name(g) for g in gold}


def name_overlaps(gold: Sequence[str], system: str | None) -> bool:
    """Claimants and speakers: one alternative's words are a subset of the other's (or vice versa)."""
    words = _name_words(system)
    if not words:
        return False
    return any(g_words and (g_words <= words or words <= g_words) for g_words in map(_name_words, gold))


def anchor_hits(anchor: str | None, quotes: Iterable[str | None]) -> bool:
    """The anchor lies inside one of the quotes, or a quote lies inside the anchor."""
    a = norm_text(anchor)
    if not a:
        return False
    for quote in quotes:
        q = norm_text(quote)
        if q and (a in q or q in a):
            return True
    return False


def _iso(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def score_document(doc: GoldDocument, system: SystemDocument, tol: Tolerances) -> Scores:
    """All counts for one gold document against what the system stored for it."""
    scores = Scores(documents=1)
    scores.gold_sizes.update(documents=1, events=sum(e.required for e in doc.events),
                             optional_events=sum(not e.required for e in doc.events), statements=len(doc.statements or []),
                             tallies=len(doc.tallies or []), articles=len(doc.articles or []))
    if not system.found:
        scores.findings.append(Finding(doc.id, "document not in store", str(doc.path)))
    _score_events(doc, system, tol, scores)
    if doc.statements is not None:
        _score_statements(doc, system, scores)
    if doc.tallies is not None:
        _score_tallies(doc, system, scores)
    if doc.articles is not None:
        _score_articles(doc, system, tol, scores)
    _score_chrome(doc, system, scores)
    return scores


def score(gold: Gold, systems: dict[str, SystemDocument]) -> Scores:
    """Sum of score_document over the gold's documents (systems keyed by gold document id)."""
    total = Scores()
    for doc in gold.documents:
        total.merge(score_document(doc, systems.get(doc.id, SystemDocument(found=False)), gold.tolerances))
    return total


def greedy_match(candidates: list[tuple[float, int, str, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs, best score first; ties by gold index then system id (deterministic).

    candidates: (score, gold_index, system_sort_key, gold_index, system_index).
    """
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _score, _g, _key, gi, si in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


def _doc_quotes(record: dict[str, Any], paths: set[str]) -> list[str]:
    """The event's source quotes that come from this document."""
    return [s.get("quote") or "" for s in record.get("sources") or [] if s.get("document") in paths]


def _system_interval(record: dict[str, Any]) -> tuple[date | None, date | None]:
    end = _iso(record.get("event_date"))
    rng = record.get("date_range")
    start = _iso(rng[0]) if rng else end
    return start, end


def date_correct(gold: tuple[date, date], record: dict[str, Any], tol: Tolerances) -> bool:
    """The system's event_date lies in the gold day or range, widened by date_days on each side."""
    _start, end = _system_interval(record)
    if end is None:
        return False
    slack = timedelta(days=int(tol.date_days))
    return gold[0] - slack <= end <= gold[1] + slack


def place_correct(gold: tuple[float, float], record: dict[str, Any], tol: Tolerances) -> bool:
    lat, lon = record.get("latitude"), record.get("longitude")
    if lat is None or lon is None:
        return False
    return haversine_km(*gold, float(lat), float(lon)) <= tol.place_km


def _types_compatible(gold: GoldEvent, record: dict[str, Any], tol: Tolerances) -> bool:
    system_type = record.get("event_type")
    if tol.type_match == "any":
        return True
    if tol.type_match == "exact":
        return record.get("sub_event_type") == gold.sub_event_type
    if tol.type_match == "type":
        return system_type == gold.event_type
    return TYPE_FAMILY.get(system_type or "") == TYPE_FAMILY[gold.event_type]


def field_correct(name: str, gold_value: Any, record: dict[str, Any], tol: Tolerances) -> bool:
    """Is the system's value of one event field right, given a non-null gold value?"""
    if name == "date":
        return date_correct(gold_value, record, tol)
    if name == "place":
        return place_correct(gold_value, record, tol)
    if name == "country":
        return (record.get("country_code") or "").upper() == gold_value
    if name in ("actor1", "actor2"):
        return name_equal(gold_value, record.get(name))
    if name == "fatalities":
        value = record.get("fatalities")
        return value is not None and abs(int(value) - gold_value) <= tol.fatalities_tolerance
    return record.get(name) == gold_value


def system_value(name: str, record: dict[str, Any]) -> Any:
    """The system's value of a field, None when it gives none."""
    if name == "date":
        return record.get("event_date")
    if name == "place":
        lat, lon = record.get("latitude"), record.get("longitude")
        return None if lat is None or lon is None else (lat, lon)
    if name == "country":
        return record.get("country_code")
    return record.get(name)


def _event_pair_score(gold: GoldEvent, record: dict[str, Any], paths: set[str], tol: Tolerances) -> float | None:
    """Score of pairing a gold and a system event, or None when they may not pair.

    Eligible: compatible types (tolerances.type_match) and either the gold anchor lies in one of
    the event's quotes from this document, or the date is right and the place is right (or, when
    the gold has no coordinates, the country is).
    """
    if not _types_compatible(gold, record, tol):
        return None
    v = gold.values
    anchor = anchor_hits(gold.anchor, _doc_quotes(record, paths))
    date_ok = "date" in v and date_correct(v["date"], record, tol)
    place_ok = v.get("place") is not None and place_correct(v["place"], record, tol)
    country_ok = v.get("country") is not None and field_correct("country", v["country"], record, tol)
    where_ok = place_ok or (v.get("place") is None and country_ok)
    if not (anchor or (date_ok and where_ok)):
        return None
    total = ANCHOR_WEIGHT * anchor + DATE_WEIGHT * date_ok + PLACE_WEIGHT * place_ok + COUNTRY_WEIGHT * country_ok
    total += SUBTYPE_WEIGHT * (record.get("sub_event_type") == gold.sub_event_type)
    for key in ("actor1", "actor2"):
        if v.get(key):
            total += ACTOR_WEIGHT * field_correct(key, v[key], record, tol)
    return total


def _score_events(doc: GoldDocument, system: SystemDocument, tol: Tolerances, scores: Scores) -> None:
    events = sorted(system.events, key=lambda e: str(e.get("event_id")))
    candidates = []
    for gi, gold in enumerate(doc.events):
        for si, record in enumerate(events):
            pair_score = _event_pair_score(gold, record, system.paths, tol)
            if pair_score is not None:
                candidates.append((pair_score, gi, str(record.get("event_id")), gi, si))
    pairs = greedy_match(candidates)
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    # Optional gold events absorb the system events they match; only their date is checked.
    optional = [(gi, si) for gi, si in pairs if not doc.events[gi].required]
    pairs = [(gi, si) for gi, si in pairs if doc.events[gi].required]
    required = sum(e.required for e in doc.events)
    found = Count(tp=len(pairs), fp=len(events) - len(pairs) - len(optional), fn=required - len(pairs))
    scores.counts["event found"].add(found)
    scores.per_document[doc.id] = found
    for gi, si in pairs:
        _score_event_fields(doc, doc.events[gi], events[si], system, tol, scores)
    for gi, si in optional:
        _check_optional_date(doc, doc.events[gi], events[si], tol, scores)
    for gi, gold in enumerate(doc.events):
        if gi in matched_gold or not gold.required:
            continue
        for name in EVENT_FIELDS:
            if gold.values.get(name) is not None:
                scores.counts[name].fn += 1
        scores.counts["claims"].fn += len(gold.claims or [])
        scores.confusion[(gold.sub_event_type, "(none)")] += 1
        scores.findings.append(Finding(doc.id, "missed event", _describe_gold(gold), gold.anchor or ""))
    for si, record in enumerate(events):
        if si in matched_system:
            continue
        for name in EVENT_FIELDS:
            if system_value(name, record) is not None:
                scores.counts[name].fp += 1
        scores.counts["claims"].fp += len(_doc_claims(record, system))
        scores.confusion[("(none)", record.get("sub_event_type") or "(none)")] += 1
        quotes = _doc_quotes(record, system.paths)
        scores.findings.append(Finding(doc.id, "false event", _describe_system(record), quotes[0] if quotes else ""))
    _score_negatives(doc, events, system, scores)


def _check_optional_date(doc: GoldDocument, gold: GoldEvent, record: dict[str, Any], tol: Tolerances,
                         scores: Scores) -> None:
    """A background event, if extracted, must still carry its own date (never the article's)."""
    if gold.values.get("date") is None:
        return
    right = date_correct(gold.values["date"], record, tol)
    scores.accuracy["date"].total += 1
    scores.accuracy["date"].hits += right
    if not right:
        scores.findings.append(Finding(doc.id, "wrong date", f"{gold.id} (optional): gold "
                                       f"{_show('date', gold.values['date'])}, system {record.get('event_date')}",
                                       gold.anchor or ""))


def _score_event_fields(doc: GoldDocument, gold: GoldEvent, record: dict[str, Any], system: SystemDocument,
                        tol: Tolerances, scores: Scores) -> None:
    scores.confusion[(gold.sub_event_type, record.get("sub_event_type") or "(none)")] += 1
    for name in EVENT_FIELDS:
        if name not in gold.values:
            continue
        gold_value = gold.values[name]
        value = system_value(name, record)
        count = scores.counts[name]
        if gold_value is None:
            if value is not None and not (name == "fatalities" and value == 0):
                count.fp += 1
                scores.findings.append(Finding(doc.id, f"wrong {name}", f"{gold.id}: gold none, system {value!r}",
                                               gold.anchor or ""))
            continue
        right = field_correct(name, gold_value, record, tol)
        if name in ("date", "place"):
            scores.accuracy[name].total += 1
            scores.accuracy[name].hits += right
        if right:
            count.tp += 1
            continue
        count.fn += 1
        if value is not None:
            count.fp += 1
        scores.findings.append(Finding(doc.id, f"wrong {name}",
                                       f"{gold.id}: gold {_show(name, gold_value)}, system {_show(name, value)}",
                                       gold.anchor or ""))
    if gold.claims is not None:
        _score_claims(doc, gold, record, system, scores)


def _show(name: str, value: Any) -> str:
    if value is None:
        return "none"
    if name == "date" and isinstance(value, tuple):
        return value[0].isoformat() if value[0] == value[1] else f"{value[0]}..{value[1]}"
    if name == "place" and isinstance(value, tuple):
        return f"({value[0]:.3f}, {value[1]:.3f})"
    if isinstance(value, list):
        return " | ".join(map(str, value))
    return str(value)


def _describe_gold(gold: GoldEvent) -> str:
    v = gold.values
    bits = [gold.id, gold.sub_event_type]
    if "date" in v:
        bits.append(_show("date", v["date"]))
    if v.get("place_name"):
        bits.append(str(v["place_name"]))
    return ", ".join(bits)


def _describe_system(record: dict[str, Any]) -> str:
    return ", ".join(str(x) for x in (record.get("sub_event_type"), record.get("event_date"),
                                      record.get("location"), record.get("actor1")) if x)


def _doc_claims(record: dict[str, Any], system: SystemDocument) -> list[dict[str, Any]]:
    """The event's casualty claims made in this document's articles."""
    articles = {a.get("article_id") for a in system.articles}
    return [c for c in record.get("claims") or [] if not c.get("article_id") or c.get("article_id") in articles]


def claim_matches(gold: GoldClaim, claim: dict[str, Any]) -> bool:
    """Same claimant (None = the outlet) and the same killed (and injured, when the gold gives it)."""
    claimant = claim.get("claimant")
    if gold.claimant is None:
        same_claimant = claimant is None or norm_name(claimant) == norm_name(claim.get("source_outlet"))
    else:
        same_claimant = name_overlaps(gold.claimant, claimant)
    if not same_claimant or claim.get("killed") != gold.killed:
        return False
    return gold.injured is None or claim.get("injured") == gold.injured


def _score_claims(doc: GoldDocument, gold: GoldEvent, record: dict[str, Any], system: SystemDocument,
                  scores: Scores) -> None:
    claims = _doc_claims(record, system)
    gold_claims = gold.claims or []
    candidates = [(1.0, gi, f"{si:06d}", gi, si) for gi, g in enumerate(gold_claims)
                  for si, c in enumerate(claims) if claim_matches(g, c)]
    pairs = greedy_match(candidates)
    scores.counts["claims"].add(Count(tp=len(pairs), fp=len(claims) - len(pairs), fn=len(gold_claims) - len(pairs)))
    matched = {gi for gi, _ in pairs}
    for gi, g in enumerate(gold_claims):
        if gi not in matched:
            who = " | ".join(g.claimant) if g.claimant else "the outlet"
            scores.findings.append(Finding(doc.id, "missed claim", f"{gold.id}: {who} killed={g.killed}",
                                           gold.anchor or ""))


def _score_negatives(doc: GoldDocument, events: list[dict[str, Any]], system: SystemDocument,
                     scores: Scores) -> None:
    for sentence in doc.no_events:
        culprits = [e for e in events if anchor_hits(sentence, _doc_quotes(e, system.paths))]
        scores.accuracy["no-event sentences"].total += 1
        scores.accuracy["no-event sentences"].hits += not culprits
        for record in culprits:
            scores.findings.append(Finding(doc.id, "event from a no-event sentence", _describe_system(record),
                                           sentence))


def _score_statements(doc: GoldDocument, system: SystemDocument, scores: Scores) -> None:
    records = sorted(system.statements, key=lambda s: str(s.get("statement_id")))
    candidates = []
    for gi, gold in enumerate(doc.statements or []):
        for si, record in enumerate(records):
            speaker_ok = _speaker_ok(gold, record)
            if gold.anchor:
                if not anchor_hits(gold.anchor, [record.get("quote")]):
                    continue
            elif not (gold.speaker and speaker_ok):
                continue
            total = ANCHOR_WEIGHT * bool(gold.anchor) + speaker_ok + (record.get("plover_event") == gold.plover)
            candidates.append((total, gi, str(record.get("statement_id")), gi, si))
    pairs = greedy_match(candidates)
    gold_items = doc.statements or []
    scores.counts["statement found"].add(Count(len(pairs), len(records) - len(pairs), len(gold_items) - len(pairs)))
    typed = sum(records[si].get("plover_event") == gold_items[gi].plover for gi, si in pairs)
    # statement type: a statement counts only when found with the right PLOVER type
    scores.counts["statement type"].add(Count(typed, len(records) - typed, len(gold_items) - typed))
    speakers = [(gi, si) for gi, si in pairs if gold_items[gi].speaker_annotated]
    right = sum(_speaker_ok(gold_items[gi], records[si]) for gi, si in speakers)
    scores.accuracy["statement speaker"].hits += right
    scores.accuracy["statement speaker"].total += len(speakers)
    matched = {gi for gi, _ in pairs}
    for gi, gold in enumerate(gold_items):
        if gi not in matched:
            scores.findings.append(Finding(doc.id, "missed statement", f"{gold.id}: {gold.plover}", gold.anchor or ""))
    for gi, si in pairs:
        if records[si].get("plover_event") != gold_items[gi].plover:
            scores.findings.append(Finding(doc.id, "wrong statement type",
                                           f"{gold_items[gi].id}: gold {gold_items[gi].plover}, "
                                           f"system {records[si].get('plover_event')}", records[si].get("quote") or ""))
    for si in set(range(len(records))) - {si for _, si in pairs}:
        scores.findings.append(Finding(doc.id, "false statement", str(records[si].get("plover_event")),
                                       records[si].get("quote") or ""))


def _speaker_ok(gold: GoldStatement, record: dict[str, Any]) -> bool:
    if gold.speaker is None:
        return not record.get("speaker") and not record.get("speaker_actor")
    return name_overlaps(gold.speaker, record.get("speaker")) or name_overlaps(gold.speaker, record.get("speaker_actor"))


def _singular_words(text: str | None) -> frozenset[str]:
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in _name_words(text))


def tally_matches(gold: GoldTally, record: dict[str, Any]) -> bool:
    """Same count, and one `what` alternative's words (plural -s dropped) within the system's `what`.

    The anchor does not decide eligibility (it only ranks candidates: see _score_tallies).
    """
    if record.get("count") != gold.count:
        return False
    words = _singular_words(record.get("what"))
    return any(_singular_words(w) <= words for w in gold.what)


def _score_tallies(doc: GoldDocument, system: SystemDocument, scores: Scores) -> None:
    records = sorted(system.tallies, key=lambda t: str(t.get("tally_id")))
    gold_items = doc.tallies or []
    candidates = [(1.0 + anchor_hits(g.anchor, [r.get("quote")]), gi, str(r.get("tally_id")), gi, si)
                  for gi, g in enumerate(gold_items) for si, r in enumerate(records) if tally_matches(g, r)]
    pairs = greedy_match(candidates)
    scores.counts["tallies"].add(Count(len(pairs), len(records) - len(pairs), len(gold_items) - len(pairs)))
    matched = {gi for gi, _ in pairs}
    for gi, gold in enumerate(gold_items):
        if gi not in matched:
            scores.findings.append(Finding(doc.id, "missed tally", f"{gold.id}: {gold.count} {gold.what[0]}",
                                           gold.anchor or ""))
    for si in sorted(set(range(len(records))) - {si for _, si in pairs}):
        r = records[si]
        scores.findings.append(Finding(doc.id, "false tally", f"{r.get('count')} {r.get('what')}", r.get("quote") or ""))


def title_similarity(a: str | None, b: str | None) -> float:
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    return float(fuzz.ratio(norm_text(a), norm_text(b)))


def article_field_correct(name: str, gold_value: Any, record: dict[str, Any], tol: Tolerances) -> bool:
    if name == "title":
        return title_similarity(gold_value, record.get("title")) >= tol.title_similarity
    if name == "outlet":
        return name_equal(gold_value, record.get("outlet"))
    return _iso(record.get("published")) == gold_value


def _score_articles(doc: GoldDocument, system: SystemDocument, tol: Tolerances, scores: Scores) -> None:
    records = sorted(system.articles, key=lambda a: str(a.get("article_id")))
    gold_items = doc.articles or []
    candidates = []
    for gi, gold in enumerate(gold_items):
        for si, record in enumerate(records):
            similarity = title_similarity(gold.values.get("title"), record.get("title"))
            if gold.anchor:
                if norm_text(gold.anchor) not in norm_text(record.get("text")):
                    continue
                candidates.append((2.0 + similarity / 100, gi, str(record.get("article_id")), gi, si))
            elif similarity >= tol.title_similarity:
                candidates.append((similarity / 100, gi, str(record.get("article_id")), gi, si))
    pairs = greedy_match(candidates)
    scores.counts["article found"].add(Count(len(pairs), len(records) - len(pairs), len(gold_items) - len(pairs)))
    scores.accuracy["article count"].total += 1
    scores.accuracy["article count"].hits += len(records) == len(gold_items)
    if len(records) != len(gold_items):
        scores.findings.append(Finding(doc.id, "article count", f"gold {len(gold_items)}, system {len(records)}"))
    for gi, si in pairs:
        gold, record = gold_items[gi], records[si]
        for name in ARTICLE_FIELDS:
            if name not in gold.values:
                continue
            key = f"article {name}"
            gold_value, value = gold.values[name], record.get(name)
            if gold_value is None:
                scores.counts[key].fp += value is not None
                continue
            if article_field_correct(name, gold_value, record, tol):
                scores.counts[key].tp += 1
                continue
            scores.counts[key].fn += 1
            scores.counts[key].fp += value is not None
            scores.findings.append(Finding(doc.id, f"wrong article {name}",
                                           f"gold {_show(name, gold_value)}, system {value!r}", gold.anchor or ""))
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    for gi, gold in enumerate(gold_items):
        if gi not in matched_gold:
            for name in ARTICLE_FIELDS:
                scores.counts[f"article {name}"].fn += gold.values.get(name) is not None
            scores.findings.append(Finding(doc.id, "missed article", str(gold.values.get("title")), gold.anchor or ""))
    for si, record in enumerate(records):
        if si not in matched_system:
            for name in ARTICLE_FIELDS:
                scores.counts[f"article {name}"].fp += record.get(name) is not None
            scores.findings.append(Finding(doc.id, "false article", str(record.get("title")),
                                           (record.get("text") or "")[:120]))


def _score_chrome(doc: GoldDocument, system: SystemDocument, scores: Scores) -> None:
    texts = [norm_text(a.get("text")) for a in system.articles]
    for chrome in doc.chrome:
        leaked = any(norm_text(chrome) in text for text in texts)
        scores.accuracy["boilerplate clean"].total += 1
        scores.accuracy["boilerplate clean"].hits += not leaked
        if leaked:
            scores.findings.append(Finding(doc.id, "boilerplate leaked", chrome))
