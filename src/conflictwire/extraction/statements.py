"""Statements: condemnations, accusations, threats, demands, denials, vows, agreements, talks.

Approach (precision first).  A statement is a *speech act* verb from the lexicon
(``knowledge/statements.yaml``) in a parsed sentence, with a speaker we can name.
For each lexicon verb we

1. check that what must hang off it is there (``condemned`` needs an object,
   ``called`` needs "on X to"/"for Y", ``vowed`` needs a violent infinitive such
   as "to retaliate", ``met`` needs an actor-like counterpart);
2. drop it when negated ("did not condemn") or hypothetical ("could condemn",
   "is expected to condemn") -- threats are the exception: "will respond" *is*
   the threat;
3. find the speaker: the verb's subject, the agent of a passive ("was condemned
   by the Arab League"), the subject inherited through coordination and
   participles ("..., calling on ..."), the subject of the reporting verb for a
   pronoun inside reported speech ("the ministry said it rejected ..."), or --
   for a bare pronoun -- the speaker of a statement in the previous three
   sentences.  No speaker, no statement.

Besides lexicon verbs, a reporting verb ("said", "warned") whose complement is a
future retaliation ("would respond", "will strike") or contains a threat phrase
("at a time of its choosing") is a THREATEN statement of the reporting verb's
subject.  Hypothetical threats are statements, never events.

Type decisions: condemn/denounce/accuse/blame/criticise -> ACCUSE (mode
disapprove); threaten, vow/warn of retaliation -> THREATEN (mode violence);
demand/call on/call for/urge -> REQUEST; deny/reject/refuse/dismiss -> REJECT (a
denial rejects an accusation; PLOVER has no DENY); agree/accept -> AGREE;
meet/negotiate with a named counterpart -> CONSULT; welcome/praise/commend ->
SUPPORT.  One statement per speech act: several lexicon verbs of the same type
and speaker in one sentence ("condemned and denounced") make one statement.

``speaker`` is the noun phrase as written without appositions ("Akram
al-Kaabi"); ``speaker_actor`` is the organisation when the text says so
(apposition "leader of al-Nujaba", a compound "Kataib Hezbollah spokesman X", a
possessive "Hezbollah's spokesman"), or the speaker itself when it is a body
("the Iraqi government").  Both are raw text; the actors stage normalises them.
The quote is the whole sentence; the date is the first time expression in the
sentence, else the article's publication date (precision 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from conflictwire.knowledge import load_lexicon
from conflictwire.models import AnnotatedArticle, Sentence, Span, Statement, TimeExpression
from conflictwire.models import stable_id
from conflictwire.timex import find_time_expressions

# Words of a title, not of an organisation ("Deputy Secretary Blinken").
TITLE_WORDS = {"deputy", "vice", "acting", "former", "senior", "assistant", "under", "chief", "top"}
PRONOUNS = {"he", "she", "it", "they", "we", "i"}
RELATIVE_PRONOUNS = {"which", "who", "that"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Proper nouns with these entity labels are never actors ("condemned Tuesday's attack").
NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "EVENT",
                  "LAW", "WORK_OF_ART", "FAC", "LOC", "PRODUCT", "LANGUAGE"}
NEGATIONS = {"not", "n't", "never", "no"}
# How far back (in sentences) a pronoun may find its speaker.
PRONOUN_REACH = 3


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, dict[str, Any]]
    violent: frozenset[str]
    reporting: frozenset[str]
    future_threats: frozenset[str]
    threat_phrase: re.Pattern[str] | None
    body_nouns: frozenset[str]
    role_nouns: frozenset[str]
    hedge_aux: frozenset[str]
    hedge_heads: frozenset[str]
    obligation: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_lexicon("statements.yaml")
    phrases = data.get("threat_phrases") or []
    return Lexicon(
        verbs={k.lower(): v for k, v in (data.get("verbs") or {}).items()},
        violent=frozenset(data.get("violent_complements") or []),
        reporting=frozenset(data.get("reporting_verbs") or []),
        future_threats=frozenset(data.get("future_threat_verbs") or []),
        threat_phrase=re.compile("|".join(f"(?:{p})" for p in phrases), re.I) if phrases else None,
        body_nouns=frozenset(w.lower() for w in data.get("body_nouns") or []),
        role_nouns=frozenset(w.lower() for w in data.get("role_nouns") or []),
        hedge_aux=frozenset(data.get("hedge_auxiliaries") or []),
        hedge_heads=frozenset(data.get("hedge_heads") or []),
        obligation=frozenset(data.get("obligation_auxiliaries") or []),
    )


def candidate_patterns() -> list[str]:
    """Regex fragments whose presence makes a sentence worth parsing for statements."""
    lex = lexicon()
    stems = sorted({_stem(v) for v in lex.verbs} | {"said", "says", "warn"})
    patterns = [r"\b(?:" + "|".join(stems) + r")\w*"]
    if lex.threat_phrase is not None:
        patterns.append(lex.threat_phrase.pattern)
    return patterns


def _stem(lemma: str) -> str:
    """A prefix that matches every inflection of a lexicon verb (condemn-ed, deni-ed, urg-ed)."""
    if lemma.endswith("y") and len(lemma) > 3:
        return lemma[:-1]
    if lemma.endswith("e"):
        return lemma[:-1]
    return lemma


# --------------------------------------------------------------------------- main entry


@dataclass
class _Found:
    verb: Any  # the spaCy token of the speech act
    plover: str
    mode: str | None
    speaker: str
    speaker_actor: str | None
    target: str | None
    confidence: float


def find_statements(annotated: AnnotatedArticle) -> list[Statement]:
    article = annotated.article
    statements: list[Statement] = []
    recent: list[tuple[int, _Found]] = []  # (sentence index, statement) for pronoun speakers
    for sentence in annotated.sentences:
        if sentence.doc is None:
            continue
        found = _statements_in(sentence.doc, [f for i, f in recent if sentence.index - i <= PRONOUN_REACH])
        for item in found:
            date = _date_of(sentence, article.published)
            if date is None:  # an undated article and no date in the sentence: nothing honest to say
                continue
            statements.append(
                Statement(
                    statement_id=stable_id(article.article_id, "statement", sentence.start + item.verb.idx),
                    article_id=article.article_id,
                    date=date,
                    speaker=item.speaker,
                    speaker_actor=item.speaker_actor,
                    plover_event=item.plover,
                    plover_mode=item.mode,
                    target_actor=item.target,
                    quote=Span(sentence.start, sentence.end, sentence.text),
                    confidence=item.confidence,
                )
            )
            recent.append((sentence.index, item))
    return statements


def _date_of(sentence: Sentence, published) -> TimeExpression | None:
    if published is None:
        return None
    expressions = find_time_expressions(sentence.text, published, sentence.start)
    if expressions:
        return expressions[0]
    return TimeExpression(published, published, 1, None, "article publication date")


def _statements_in(doc, recent: list[_Found]) -> list[_Found]:
    """Speech acts of one parsed sentence, one per (speaker, type)."""
    lex = lexicon()
    found: list[_Found] = []
    seen: set[tuple[str, str]] = set()
    threat_anchors = {t.i for t in _threat_reports(doc)}
    demand_anchors = {t.i for t in _obligation_reports(doc)}
    for token in doc:
        if token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        entry = lex.verbs.get(lemma)
        plover, mode = (entry["type"], entry.get("mode")) if entry else (None, None)
        if entry and not _has_needed(token, entry.get("needs", "any")):
            fallback = entry.get("otherwise")
            if fallback and _has_needed(token, fallback.get("needs", "any")):
                plover, mode = fallback["type"], fallback.get("mode")
            else:
                plover = None
        if plover is None and token.i in demand_anchors:
            plover, mode = "REQUEST", None
        if plover is None and token.i in threat_anchors:
            plover, mode = "THREATEN", "violence"
        if plover is None:
            continue
        if plover == "CONSULT" and _future(token):
            plover, mode = "AGREE", None  # "will visit Baghdad": PLOVER codes an intent to meet as AGREE
        if _negated(token) or (plover != "THREATEN" and _hypothetical(token)):
            continue
        speaker_token, confidence = _speaker_token(token)
        item = _describe(token, speaker_token, plover, mode, confidence, recent)
        if item is None:
            continue
        key = (item.speaker.lower(), item.plover)
        if key in seen:
            continue
        seen.add(key)
        found.append(item)
    return found


# --------------------------------------------------------------------------- verb checks


def _has_needed(verb, needs: str) -> bool:
    deps = {c.dep_ for c in verb.children}
    if needs == "object":
        return bool(deps & {"dobj", "ccomp", "xcomp", "nsubjpass", "agent"}) or _prep_objects(verb, {"of", "for"})
    if needs == "on_to" and "auxpass" in deps:
        return False  # "reporters will be called on to ask questions"
    if needs == "on_to":  # "called for an end to", "called on Washington to withdraw"
        if _prep_objects(verb, {"for"}):
            return True
        has_on = any(c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon") for c in verb.children)
        return has_on and "xcomp" in deps
    if needs == "xcomp":
        return "xcomp" in deps
    if needs == "violent":
        return _violent_complement(verb)
    if needs == "actor":
        return _counterpart(verb) is not None
    if needs == "talks":
        talks = {"talk", "talks", "meeting", "meetings", "negotiations", "consultations", "discussions"}
        return any(c.dep_ == "dobj" and c.lower_ in talks for c in verb.children) and _counterpart(verb) is not None
    return True


def _prep_objects(verb, preps: set[str]) -> list:
    return [
        pobj
        for prep in verb.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _violent_complement(verb) -> bool:
    """vowed *to retaliate*, warned *it would respond*, pledged *to continue attacks*."""
    lex = lexicon()
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp") and child.lemma_.lower() in lex.violent:
            if child.lemma_.lower() == "continue" and not _continues_violence(child):
                continue
            return True
        if child.dep_ == "ccomp" and lex.threat_phrase and lex.threat_phrase.search(_subtree_text(child)):
            return True
    return False


def _continues_violence(continue_verb) -> bool:
    """"continue attacks/operations/resistance/strikes" is a threat; "continue talks" is not."""
    violent_nouns = {"attack", "operation", "strike", "resistance", "fight", "fighting", "targeting", "jihad", "war"}
    objects = [c for c in continue_verb.children if c.dep_ in ("dobj", "xcomp")]
    return any(t.lemma_.lower() in violent_nouns or t.lemma_.lower() in lexicon().violent
               for obj in objects for t in [obj, *obj.children] if t.dep_ != "prep")


def _threat_reports(doc) -> list:
    """Reporting verbs whose reported clause is a future retaliation or holds a threat phrase."""
    lex = lexicon()
    anchors = []
    for token in doc:
        if token.lemma_.lower() not in lex.reporting:
            continue
        for clause in token.children:
            if clause.dep_ != "ccomp":
                continue
            text = _subtree_text(clause)
            future = clause.lemma_.lower() in lex.future_threats and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in clause.children
            )
            threat = (future and not _negated(clause)) or bool(lex.threat_phrase and lex.threat_phrase.search(text))
            if threat and _speaks_for_itself(token, clause):
                anchors.append(token)
                break
    return anchors


SELF_NOUNS = {"group", "movement", "organisation", "organization", "militia", "resistance", "country",
              "government", "army", "forces", "faction", "party", "state"}


def _speaks_for_itself(reporter, clause) -> bool:
    """"X said *it/the group* would respond" is X's threat; "analysts say *the militias* would" is not."""
    subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return False
    if subject.lower_ in PRONOUNS:
        return True
    speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
    if speaker is not None and _phrase_text(speaker).lower() == _phrase_text(subject).lower():
        return True
    determiner = next((c for c in subject.children if c.dep_ in ("det", "poss")), None)
    return (subject.lemma_.lower() in SELF_NOUNS and subject.tag_ == "NN" and determiner is not None
            and determiner.lower_ in ("the", "its", "our", "their", "his"))


def _obligation_reports(doc) -> list:
    """"Russia said that Sudan must return the helicopter": a demand on the clause's subject."""
    lex = lexicon()
    anchors = []
    for token in doc:
        if token.lemma_.lower() not in lex.reporting:
            continue
        for clause in token.children:
            if clause.dep_ != "ccomp" or _negated(clause):
                continue
            subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
            must = any(c.dep_ == "aux" and c.lower_ in lex.obligation for c in clause.children)
            if must and subject is not None and _actor_like(subject):
                anchors.append(token)
                break
    return anchors


def _future(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children)


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS) for c in verb.children)


def _hypothetical(verb) -> bool:
    lex = lexicon()
    if any(c.dep_ == "aux" and c.lower_ in lex.hedge_aux for c in verb.children):
        return True
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in lex.verbs \
            and verb.head.lemma_.lower() not in lex.reporting:
        return True  # the content of another speech act: "demanded that its partners refuse to ..."
    if verb.dep_ in ("xcomp",):
        head = verb.head
        if head.lemma_.lower() in lex.hedge_heads or (head.pos_ == "ADJ" and head.lemma_.lower() == "likely"):
            return True
        if _negated(head):
            return True
    # a question or a condition: "if Iran condemns ...", "whether they would reject ..."
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children)


# --------------------------------------------------------------------------- speaker


def _speaker_token(verb):
    """The token heading the speaker's noun phrase, and a confidence for how it was found."""
    for child in verb.children:
        if child.dep_ == "agent":  # "was condemned by the Arab League"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj, 0.7
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            head = verb.head  # "capabilities that threaten ..." is no speaker; "the militia, which vowed ..." is
            if _actor_like(head) or head.lemma_.lower() in lexicon().role_nouns:
                return head, 0.6
            return None, 0.0
        if subject.lower_ in PRONOUNS and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lexicon().reporting:
            reporter = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if reporter is not None and reporter.lower_ not in PRONOUNS:
                return reporter, 0.6
        return subject, 0.7
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None, 0.0  # passive without agent: "the attack was condemned" -- by whom is unknown
    # coordination and participles inherit the subject: "condemned X and called on Y", ", calling on"
    if verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        return _speaker_token(verb.head)
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in ("statement", "communique", "message", "letter"):
        holder = verb.head.head
        if holder.pos_ in ("VERB", "AUX"):
            return _speaker_token(holder)
    return None, 0.0


def _describe(verb, speaker_token, plover, mode, confidence, recent: list[_Found]) -> _Found | None:
    if speaker_token is None:
        return None
    if speaker_token.lower_ in PRONOUNS:
        antecedent = _antecedent(speaker_token.lower_, recent)
        if antecedent is None:
            return None
        return _Found(verb, plover, mode, antecedent.speaker, antecedent.speaker_actor,
                      _target(verb, plover), 0.5)
    if speaker_token.pos_ not in ("PROPN", "NOUN"):
        return None
    speaker = _phrase_text(speaker_token)
    if not speaker or speaker.lower() in ("officials", "sources", "one", "reports", "people"):
        return None
    return _Found(verb, plover, mode, speaker, _speaker_actor(speaker_token, speaker),
                  _target(verb, plover), confidence)


def _antecedent(pronoun: str, recent: list[_Found]) -> _Found | None:
    """The latest earlier speaker a pronoun can stand for: he/she a person, it/they/we a body."""
    for item in reversed(recent):
        is_body = item.speaker_actor is not None and item.speaker_actor == item.speaker
        if pronoun in ("he", "she") and not is_body:
            return item
        if pronoun in ("it", "they", "we") and is_body:
            return item
    return None


def _phrase_text(head) -> str:
    """The noun phrase of ``head`` as written: modifiers to its left, "of"-phrases to its right,
    never appositions, relative clauses or anything after a comma."""
    doc = head.doc
    in_subtree = {t.i for t in head.subtree}
    start = head.i
    while start - 1 in in_subtree and doc[start - 1].text != ",":
        start -= 1
    end = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end + 1:
            end = max(t.i for t in child.subtree)
        elif child.dep_ == "compound" and child.i == end + 1:
            end = child.i
        elif (child.dep_ == "prep" and child.lower_ == "in" and child.i == end + 1 and head.pos_ == "PROPN"
              and head.text[0].isupper() and _proper_object(child)):
            end = max(t.i for t in child.subtree)  # "The Islamic Resistance in Iraq": part of the name
        else:
            break
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start : end + 1].text


def _proper_object(prep) -> bool:
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.pos_ == "PROPN" and all(t.pos_ in ("PROPN", "DET", "PUNCT") for t in pobj.subtree)


def _speaker_actor(head, speaker: str) -> str | None:
    lex = lexicon()
    # "X, leader of al-Nujaba" / "X, a spokesman for Kataib Hezbollah"
    for child in head.children:
        if child.dep_ == "appos" and child.lemma_.lower() in lex.role_nouns:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return _phrase_text(pobj)
            org = _org_before_role(child)
            if org:
                return org
    # "Kataib Hezbollah spokesman Abu Ali al-Askari": an organisation compounded before a role noun
    org = _org_before_role(head)
    if org:
        return org
    # "Hezbollah's spokesman", "the leader of Kataib Hezbollah"
    if head.lemma_.lower() in lex.role_nouns:
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                return _phrase_text(child).removesuffix("'s").removesuffix("’s")
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ == "PROPN":
                    return _phrase_text(pobj)
        return None
    # the speaker is itself a body: "the Iraqi government", "Iran's foreign ministry", "the Pentagon"
    if _is_body(head):
        return speaker
    return None


def _org_before_role(head) -> str | None:
    """In a compound chain "Kataib Hezbollah spokesman Abu Ali al-Askari", the words before the role."""
    lex = lexicon()
    doc = head.doc
    in_subtree = {t.i for t in head.subtree}
    start = head.i
    while start - 1 in in_subtree and doc[start - 1].dep_ in ("compound", "amod", "nmod", "punct") \
            and doc[start - 1].text != ",":
        start -= 1
    chain = list(doc[start : head.i])
    for k, tok in enumerate(chain):
        if tok.lower_ in lex.role_nouns and k > 0 and all(
            (t.pos_ == "PROPN" and t.lower_ not in lex.role_nouns and t.lower_ not in TITLE_WORDS) or t.is_punct
            for t in chain[:k]
        ):
            return doc[chain[0].i : tok.i].text
    return None


def _is_body(head) -> bool:
    lex = lexicon()
    if head.lower_ in lex.body_nouns or head.lemma_.lower() in lex.body_nouns:
        return True
    if head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "GPE", "NORP"):
        return True
    return False


def _actor_like(head) -> bool:
    if head.lower_ in PRONOUNS | {"them", "him", "her", "us", "it"}:
        return False
    return _is_body(head) or (head.pos_ == "PROPN" and head.ent_type_ not in NOT_ACTOR_ENTS)


# --------------------------------------------------------------------------- target


def _target(verb, plover: str) -> str | None:
    """The actor the speech act is aimed at, when it is an actor (not "the attack")."""
    for candidate in _target_candidates(verb, plover):
        if isinstance(candidate, str):
            return candidate
        if candidate is not None and _actor_like(candidate):
            return _phrase_text(candidate)
    return None


def _owner_of(obj):
    """Whose act or words the object is: "the attack by Kataib Hezbollah", "Washington's accusations",
    "a United Nations appeal", "an Australian ultimatum", "an offer from Afghanistan"."""
    for child in obj.children:
        if child.dep_ == "poss":
            yield child
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            yield from (c for c in child.children if c.dep_ == "pobj")
        if child.dep_ == "acl":  # "attacks ... claimed by Daesh"
            for grand in child.children:
                if grand.dep_ == "agent":
                    yield from (c for c in grand.children if c.dep_ == "pobj")
    modifiers = [c for c in obj.lefts if c.dep_ in ("compound", "amod")]
    proper = [c for c in modifiers if c.pos_ == "PROPN" or (c.ent_type_ in ("NORP", "GPE", "ORG") and c.text[0].isupper())]
    if proper and proper[-1].i == obj.i - 1:
        yield _phrase_text(proper[-1])


def _target_candidates(verb, plover: str):
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if plover in ("ACCUSE", "REJECT", "SUPPORT"):
        for obj in objects:
            yield obj
            yield from _owner_of(obj)
    elif plover == "REQUEST":
        yield from _prep_objects(verb, {"on", "upon"})
        yield from objects  # "urged Baghdad to", "call on (prt) more countries to"
        for clause in verb.children:  # "demanded that Washington withdraw"
            if clause.dep_ == "ccomp":
                yield from (c for c in clause.children if c.dep_ == "nsubj")
    elif plover == "THREATEN":
        yield from objects
        yield from _prep_objects(verb, {"against"})
        for comp in verb.children:
            if comp.dep_ in ("xcomp", "ccomp"):
                for t in comp.subtree:
                    if t.dep_ == "dobj" or (t.dep_ == "pobj" and t.head.lower_ in ("on", "against")):
                        yield t
    elif plover in ("AGREE", "CONSULT"):
        yield _counterpart(verb)


def _counterpart(verb):
    """"met the Iraqi prime minister", "met with Hamas leaders", "talks with Baghdad"."""
    for child in verb.children:
        if child.dep_ == "dobj" and _actor_like(child):
            return child
    for pobj in _prep_objects(verb, {"with"}):
        if _actor_like(pobj):
            return pobj
    for obj in (c for c in verb.children if c.dep_ == "dobj"):  # "held talks with leaders of X"
        for pobj in _prep_objects(obj, {"with"}):
            if _actor_like(pobj):
                return pobj
    return None


def _subtree_text(token) -> str:
    tokens = list(token.subtree)
    return token.doc[tokens[0].i : tokens[-1].i + 1].text
