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

4. drop it when it is background or nobody in particular speaks: a perfect ("have urged",
   "has blamed" restate older positions), a relative clause ("strikes, which the government
   also condemned"), people rather than actors ("residents", "speakers"), and unnamed
   officials/leaders whose phrase names neither an organisation nor a country ("the official",
   "Kurdish officials"; "US officials", "Iraqi officials" and "a spokesman for X" do count).

Besides lexicon verbs, a reporting verb ("said", "warned") whose complement is a
future retaliation ("would respond", "will strike") or contains a threat phrase
("at a time of its choosing", "would act with force", "its response would be painful") is a
THREATEN statement of the reporting verb's subject.  The reported clause may also hang on "in a
statement that ..." or be a quotation before the verb ('"We will respond ...," an official told
reporters').  Hypothetical threats are statements, never events.  "Called the strikes an attack
on Iraqi sovereignty" / "described the raids as a violation" are ACCUSE (``accusing_labels``).
Pronoun speakers also find the subject of a plain "X said ..." in the sentences before.

``country`` is the state the speaker's phrase names ("Iraq's Foreign Ministry", "US President
Joe Biden", "The Jordanian government"), else a country the verb itself is located in; a country
named elsewhere in the sentence is usually the target's, so it is not used.

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

from spacy.attrs import LEMMA, POS
from spacy.symbols import VERB

from conflictwire import lang, settings
from conflictwire.knowledge import Knowledge
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
    response_nouns: frozenset[str]
    accusing_labels: frozenset[str]
    non_actor_speakers: frozenset[str]
    not_counterparts: frozenset[str]
    anonymous: frozenset[str]
    country_words: dict[str, str]


def lexicon() -> Lexicon:
    return lexicon_for(settings.knowledge())


@lru_cache(maxsize=4)
def lexicon_for(known: Knowledge) -> Lexicon:
    data = known.load_lexicon("statements.yaml")
    phrases = data.get("threat_phrases") or []
    return Lexicon(
        verbs={k.lower(): v for k, v in (data.get("verbs") or {}).items()},
        violent=frozenset(data.get("violent_complements") or []),
        reporting=frozenset(data.get("reporting_verbs") or []),
        future_threats=frozenset(data.get("future_threat_verbs") or []),
        threat_phrase=re.compile("|".join(f"(?:{p})" for p in phrases), re.I) if phrases else None,
        body_nouns=frozenset(w.lower() for w in data.get("body_nouns") or []),
        role_nouns=lang.words_for(known).words("role_nouns") | {w.lower() for w in data.get("role_nouns") or []},
        hedge_aux=frozenset(data.get("hedge_auxiliaries") or []),
        hedge_heads=frozenset(data.get("hedge_heads") or []),
        obligation=frozenset(data.get("obligation_auxiliaries") or []),
        response_nouns=frozenset(data.get("response_nouns") or []),
        accusing_labels=frozenset(data.get("accusing_labels") or []),
        non_actor_speakers=frozenset(w.lower() for w in data.get("non_actor_speakers") or []),
        not_counterparts=frozenset(w.lower() for w in data.get("not_counterparts") or []),
        anonymous=frozenset(w.lower() for w in data.get("anonymous_speakers") or []),
        country_words={str(k): str(v) for k, v in (data.get("country_words") or {}).items()},
    )


def candidate_patterns() -> list[str]:
    """Regex fragments whose presence makes a sentence worth parsing for statements."""
    return [r"\b(?:" + "|".join(candidate_stems()) + r")\w*", *candidate_phrase_patterns()]


def candidate_stems() -> list[str]:
    """Word beginnings of the speech-act verbs ("condemn", "deni", "urg")."""
    return sorted({_stem(v) for v in lexicon().verbs} | {"said", "says", "warn", "told", "tell"})


def candidate_phrase_patterns() -> list[str]:
    """Regexes of the threat phrases ("at a time and place of our choosing")."""
    lex = lexicon()
    return [lex.threat_phrase.pattern] if lex.threat_phrase is not None else []


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
    country: str | None = None


def find_statements(annotated: AnnotatedArticle) -> list[Statement]:
    article = annotated.article
    statements: list[Statement] = []
    recent: list[tuple[int, _Found]] = []  # (sentence index, statement) for pronoun speakers
    for sentence in annotated.sentences:
        if sentence.doc is None:
            continue
        nearby = [f for i, f in recent if sentence.index - i <= PRONOUN_REACH]
        found = _statements_in(sentence.doc, nearby)
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
                    country=item.country or _located_country(item.verb),
                    confidence=item.confidence,
                )
            )
        # later pronouns may stand for any speaker here, of a statement or of a plain "said"
        for item in sorted(found + _reporters(sentence.doc, nearby), key=lambda f: f.verb.i):
            recent.append((sentence.index, item))
    return statements


def _reporters(doc, recent: list[_Found]) -> list[_Found]:
    """Speakers of plain reports ("The Popular Mobilization Forces ... said some of its members were
    among the dead"): no statement, but the antecedent of a later "It accused Washington"."""
    lex = lexicon()
    found = []
    verbs, lemmas = _columns(doc)
    for i in verbs:
        token = doc[i]
        if lemmas[i] not in lex.reporting or _negated(token):
            continue
        speaker_token, confidence = _speaker_token(token)
        item = _describe(token, speaker_token, "REPORT", None, confidence, recent)
        if item is not None:
            found.append(item)
    return found


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
    verbs, lemmas = _columns(doc)
    for i in verbs:
        entry = lex.verbs.get(lemmas[i])
        if entry is None and i not in demand_anchors and i not in threat_anchors:
            continue  # no speech act here (as below, without a Token object)
        token = doc[i]
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
        if _negated(token) or (plover != "THREATEN" and _hypothetical(token)) or _background(token):
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
    if needs == "labels":  # "what it called American crimes" is the reporter's distance, not a charge
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in ("what", "which", "that")]
        return bool(objects) and _accusing_label(verb)
    if needs == "violent":
        return _violent_complement(verb)
    if needs == "actor":
        return _counterpart(verb) is not None
    if needs == "talks":
        talks = {"talk", "talks", "meeting", "meetings", "negotiations", "consultations", "discussions"}
        return any(c.dep_ == "dobj" and c.lower_ in talks for c in verb.children) and _counterpart(verb) is not None
    return True


def _accusing_label(verb) -> bool:
    """called the strikes *an attack on Iraqi sovereignty*, described the raids *as a violation*,
    branded it *a terrorist act* -- but not "called the talks a success"."""
    lex = lexicon()
    labels = [c for c in verb.children if c.dep_ in ("oprd", "attr")] + _prep_objects(verb, {"as"})
    for label in labels:
        words = [label] + [c for c in label.children if c.dep_ in ("amod", "compound")]
        if any(w.lemma_.lower() in lex.accusing_labels or w.lower_ in lex.accusing_labels for w in words):
            return True
    return False


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


# Nouns that carry reported words: "said in a statement that ...".
CARRIER_NOUNS = {"statement", "communique", "message", "speech", "interview", "post", "video", "letter",
                 "broadcast", "address"}
CLOSING_QUOTES = {'"', "”", "''"}


def _reported_clauses(reporter) -> list:
    """The clauses a reporting verb reports: its complement ("said *it would respond*"), a clause
    hung on "in a statement" ("said in a statement *that its response would be painful*"), or the
    quotation before it (\"*We will respond* ...,\" an official told reporters)."""
    clauses = [c for c in reporter.children if c.dep_ == "ccomp"]
    for prep in reporter.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for carrier in prep.children:
                if carrier.dep_ == "pobj" and carrier.lemma_.lower() in CARRIER_NOUNS:
                    clauses += [c for c in carrier.children if c.dep_ in ("acl", "ccomp", "relcl")
                                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    quoted = reporter.head
    if reporter.dep_ in ("conj", "parataxis") and quoted.i < reporter.i and quoted.pos_ in ("VERB", "AUX"):
        between = reporter.doc[quoted.i + 1 : reporter.i]
        before = reporter.doc[: quoted.i]
        opened = any(t.text in ('"', "“", "``") for t in before) or quoted.left_edge.i == 0  # the splitter
        if opened and any(t.text in CLOSING_QUOTES for t in between):  # may leave the opening quote behind
            clauses.append(quoted)
    return clauses


_last_columns: tuple[Any, Any] = (None, None)  # the last Doc read and its columns, swapped as one object


def _columns(doc) -> tuple[list[int], list[str]]:
    """(indices of the verbs, every token's lower-cased lemma) of ``doc``, read from its arrays once
    per Doc: the finders here each walk the same sentence, and a Token object per token per walk
    cost more than their tests.  (Threads each read the pair whole: a worker thread never gets
    another Doc's columns.)"""
    global _last_columns
    last_doc, columns = _last_columns
    if last_doc is not doc:
        strings = doc.vocab.strings
        rows = doc.to_array([POS, LEMMA]).tolist() if len(doc) else []
        columns = ([i for i, (pos, _) in enumerate(rows) if pos == VERB],
                   [strings[lemma].lower() for _, lemma in rows])
        _last_columns = (doc, columns)
    return columns


def may_state(doc) -> bool:
    """False only when ``_statements_in`` finds nothing in ``doc`` whatever its entities (the annotate
    stage's entity gate, ``candidates.entity_gate``): no verb of the lexicon, no threat report, no
    reported obligation (its subject's entity test left out: the only test here that reads entities)."""
    lex = lexicon()
    verbs, lemmas = _columns(doc)
    return (any(lemmas[i] in lex.verbs for i in verbs) or bool(_threat_reports(doc))
            or bool(_obligation_reports(doc, actor_like=lambda _subject: True)))


def _threat_reports(doc) -> list:
    """Reporting verbs whose reported clause is a future retaliation or holds a threat phrase."""
    lex = lexicon()
    anchors = []
    for i, lemma in enumerate(_columns(doc)[1]):
        if lemma not in lex.reporting:
            continue
        token = doc[i]
        for clause in _reported_clauses(token):
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
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if subject.lemma_.lower() in lexicon().response_nouns and owner is not None and owner.lower_ in (
            "its", "our", "their", "his", "her", "my"):
        return True  # "said that its response would be painful"
    speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
    if speaker is not None and _phrase_text(speaker).lower() == _phrase_text(subject).lower():
        return True
    determiner = next((c for c in subject.children if c.dep_ in ("det", "poss")), None)
    return (subject.lemma_.lower() in SELF_NOUNS and subject.tag_ == "NN" and determiner is not None
            and determiner.lower_ in ("the", "its", "our", "their", "his"))


def _obligation_reports(doc, actor_like=None) -> list:
    """"Russia said that Sudan must return the helicopter": a demand on the clause's subject
    (``actor_like``: the test of that subject, ``_actor_like`` unless given)."""
    actor_like = actor_like or _actor_like
    lex = lexicon()
    anchors = []
    for i, lemma in enumerate(_columns(doc)[1]):
        if lemma not in lex.reporting:
            continue
        token = doc[i]
        for clause in _reported_clauses(token):
            if _negated(clause):
                continue
            subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
            must = any(c.dep_ == "aux" and c.lower_ in lex.obligation for c in clause.children)
            if must and subject is not None and actor_like(subject):
                anchors.append(token)
                break
    return anchors


def _background(verb) -> bool:
    """A speech act the sentence recalls rather than reports: a perfect ("have urged", "has
    blamed", "had promised" restate older positions) or a relative clause ("strikes, which the
    government also condemned"; "groups that refuse to stop").  "The militia, which vowed to
    retaliate, ..." (a past-tense subject relative) still counts."""
    have = [c for c in verb.children if c.dep_ == "aux" and c.lemma_.lower() == "have"]
    if verb.tag_ == "VBN" and have:
        # "had promised" is always an earlier position; "has condemned" is how fresh news is
        # written, unless the sentence marks it as habitual or old ("repeatedly", "for years").
        if any(h.lower_ == "had" for h in have):
            return True
        return _recalled(verb.sent)
    if verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and verb.head.pos_ == "VERB":
        return _background(verb.head)  # "have urged X and called on Y": the perfect covers both
    if verb.dep_ == "relcl":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        subject_relative = subject is not None and subject.lower_ in RELATIVE_PRONOUNS
        return not subject_relative or verb.tag_ in ("VBP", "VBZ")
    return False


_RECALL_CUES = re.compile(
    r"\b(?:repeatedly|often|long|previously|in the past|for (?:years|months|decades)|since\b|again and again|"
    r"consistently|regularly|frequently|always|time and again|over the (?:past|last) (?:years|months))", re.I)


def _recalled(sentence) -> bool:
    return bool(_RECALL_CUES.search(sentence.text))


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
                      _target(verb, plover), 0.5, antecedent.country)
    if speaker_token.pos_ not in ("PROPN", "NOUN") or _non_actor(speaker_token) or _anonymous(speaker_token):
        return None
    speaker = _phrase_text(speaker_token)
    if not speaker or speaker.lower() in ("officials", "sources", "one", "reports", "people"):
        return None
    return _Found(verb, plover, mode, speaker, _speaker_actor(speaker_token, speaker),
                  _target(verb, plover), confidence, _speaker_country(speaker_token))


def _non_actor(head) -> bool:
    """Residents, witnesses, speakers at a rally: people, not actors -- unless the phrase says
    whom they speak for ("Hezbollah's sources", "speakers of both parties")."""
    lex = lexicon()
    if head.lower_ not in lex.non_actor_speakers and head.lemma_.lower() not in lex.non_actor_speakers:
        return False
    return not any(c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("of", "for"))
                   for c in head.children)


def _anonymous(head) -> bool:
    """"the official", "Kurdish officials", "local tribal leaders": people a reporter quotes, not a
    body speaking -- unless the phrase names whom they speak for ("US officials", "a senior
    administration official", "officials of the ministry", "Hamas leaders") or a country
    ("Iraqi officials")."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in lexicon().anonymous:
        return False
    for child in head.children:
        if child.dep_ in ("compound", "poss", "appos", "nmod"):
            return False
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "from"):
            return False
        if child.dep_ == "amod" and _country_code(child.text):
            return False
    return True


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
    start, end = _phrase_bounds(head)
    return head.doc[start : end + 1].text


def _phrase_bounds(head) -> tuple[int, int]:
    doc = head.doc
    in_subtree = {t.i for t in head.subtree}
    start = head.i
    while start - 1 in in_subtree and doc[start - 1].text != ",":
        start -= 1
    end = head.i
    while (end + 1 < len(doc) and doc[end + 1].head.i == head.head.i and doc[end + 1].dep_ == head.dep_
           and doc[end + 1].pos_ == "PROPN" and head.pos_ == "PROPN" and head.dep_ != "ROOT"):
        end += 1  # "Harakat al-Nujaba" parsed as four subjects of one verb
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end + 1 and _of_names(head, child):
            end = max(t.i for t in child.subtree)
        elif child.dep_ == "compound" and child.i == end + 1:
            end = child.i
        elif (child.dep_ == "prep" and child.lower_ == "for" and child.i == end + 1
              and head.lemma_.lower() in lexicon().role_nouns and _names_a_body(child)):
            end = max(t.i for t in child.subtree)  # "a spokesman for the Iraqi armed forces"
        elif (child.dep_ == "prep" and child.lower_ == "in" and child.i == end + 1 and head.pos_ == "PROPN"
              and head.text[0].isupper() and _proper_object(child)):
            end = max(t.i for t in child.subtree)  # "The Islamic Resistance in Iraq": part of the name
        else:
            break
    while start < head.i and doc[start].is_punct:
        start += 1
    return start, end


def _of_names(head, prep) -> bool:
    """"the Government of Iraq", "leader of the armed group" -- but not "militias of smuggling"
    (the charge of "accused militias of smuggling")."""
    lex = lexicon()
    if head.pos_ == "PROPN" or head.lemma_.lower() in lex.role_nouns:
        return True
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and (_is_body(pobj) or pobj.pos_ == "PROPN")


def _names_a_body(prep) -> bool:
    """"for *Kataib Hezbollah*", "for *the Iraqi armed forces*" -- not "for *a while*"."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and (pobj.pos_ == "PROPN" or _is_body(pobj))


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
            if child.dep_ == "prep" and child.lower_ in ("of", "for") and _names_a_body(child):
                pobj = next(c for c in child.children if c.dep_ == "pobj")
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
        if child.dep_ == "dobj" and _party(child):
            return child
    for pobj in _prep_objects(verb, {"with"}):
        if _party(pobj):
            return pobj
    for obj in (c for c in verb.children if c.dep_ == "dobj"):  # "held talks with leaders of X"
        for pobj in _prep_objects(obj, {"with"}):
            if _party(pobj):
                return pobj
    return None


def _party(head) -> bool:
    """An actor one meets or hosts; troops and bases are not ("the base hosts 350 US troops")."""
    lex = lexicon()
    return _actor_like(head) and head.lower_ not in lex.not_counterparts \
        and head.lemma_.lower() not in lex.not_counterparts


def _subtree_text(token) -> str:
    tokens = list(token.subtree)
    return token.doc[tokens[0].i : tokens[-1].i + 1].text


# --------------------------------------------------------------------------- country


def _country_code(text: str) -> str | None:
    """ISO2 of a country name or demonym as written ("Iraq", "Iraqi", "the United States", "US")."""
    from conflictwire.gazetteer import get_gazetteer  # lazy: the index is opened on first use

    words = lexicon().country_words
    name = words.get(text) or words.get(text.removeprefix("the ").removeprefix("The "))
    return get_gazetteer().country_code(name or text)


def _country_name(code: str | None) -> str | None:
    from conflictwire.gazetteer import get_gazetteer

    return _country_name_in(get_gazetteer(), code) if code else None


@lru_cache(maxsize=512)
def _country_name_in(gazetteer: Any, code: str) -> str | None:
    # Cached per gazetteer (read-only): the lookup costs a few ms and the same few countries recur.
    place = gazetteer.resolve_country(code)
    return place.name if place else None


def _speaker_country(head) -> str | None:
    """The state a speaker speaks for when its phrase names one: "Iraq's Foreign Ministry",
    "The Iraqi government", "US President Joe Biden", "The United States".  "Iran-backed
    militias" name a backer, not their own state."""
    doc = head.doc
    start, end = _phrase_bounds(head)
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP") or ent.start < start or ent.end > end + 1:
            continue
        if ent.end < len(doc) and doc[ent.end].text in ("-", "–"):
            continue  # "Iran-backed", "Iraq-based"
        code = _country_code(ent.text)
        if code:
            return _country_name(code)
    return None


def _located_country(verb) -> str | None:
    """The country where the speech act took place, when the verb itself says so ("told reporters
    in Iraq").  A country named elsewhere in the sentence is the target's or the subject's
    ("blamed the United States", "militias operating in Syria"), not the statement's."""
    for pobj in _prep_objects(verb, {"in", "inside"}):
        if pobj.ent_type_ == "GPE":
            code = _country_code(_phrase_text(pobj))
            if code:
                return _country_name(code)
    return None
