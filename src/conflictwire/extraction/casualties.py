"""Casualty claims: who says how many were killed, injured or captured.

Tolls in news follow a handful of shapes ("killing at least 16 people", "18 were
killed", "the death toll rose to 29", "injured 25", "no casualties were reported"),
so the numbers are found with patterns over the sentence text; the parse (when the
sentence has one) only names the claimant: the subject of a reporting verb ("Iraq
said ...", "the ministry said", "a monitoring group reported") or the object of
"according to".  Vague quantities follow ACLED's conservative rule: "dozens" = 12,
"tens" = 10, "hundreds" = 100, "scores" = 20, ranges take the lower bound.  Vague words
without a number ("several", "many") give no figure at all: precision before recall.

Every claim keeps the sentence that states it as its quote.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from conflictwire import lang, settings
from conflictwire.extraction.clause_edges import DASH, ELLIPSIS, edge
from conflictwire.extraction.syntax import dateline_end, noun_phrase, past_dateline
from conflictwire.knowledge import Knowledge
from conflictwire.models import CasualtyClaim, Sentence, Span

# Vague quantities and their conservative value (ACLED's rule).
_VAGUE = {
    "a pair of": 2, "a couple of": 2, "a dozen": 12, "dozens of": 12, "dozens": 12,
    "tens of": 10, "scores of": 20, "hundreds of": 100, "hundreds": 100,
}
_QUALIFIERS = {
    "at least": "at least", "more than": "more than", "over": "more than", "upwards of": "more than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "nearly": "nearly", "almost": "nearly", "up to": "up to", "as many as": "up to",
    "at most": "up to", "exactly": "exactly",
}

_DIGITS = r"\d{1,3}(?:,\d{3})+|\d{1,5}"
_VAGUE_RE = "|".join(re.escape(v) for v in sorted(_VAGUE, key=len, reverse=True))
_QUAL_RE = "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))

# Who a count counts: knowledge/lang/people.yaml victim_nouns and civilian_nouns (the package's lists: these
# patterns are compiled once, at import), longest first
VICTIM_NOUNS = lang.alternation(lang.packaged().words("victim_nouns") | lang.packaged().words("civilian_nouns"))
# Kin and companions named after a victim: "a commander and 12 of his family", "a man and his son"
KIN_NOUNS = (r"family members|family|relatives|children|child|baby|infant|sons?|daughters?|wife|husband|brothers?|sisters?|mother|father"
             r"|companions|aides|guards|bodyguards|escorts|comrades|grandchildren|grandsons?|nephews?|cousins?")
_KIN_SINGULAR = re.compile(r"(?:son|daughter|child|baby|infant|wife|husband|brother|sister|mother|father|grandson|nephew|cousin)$", re.I)
# "trying to kill a commander", "in order to kill": an intention, not a killing ("managed to kill" is one)
_INTENT = "".join(rf"(?<!\b{w}\s)" for w in ("trying to", "try to", "tried to", "tries to", "attempt to", "attempted to",
                                             "attempting to", "failed to", "fail to", "order to", "plan to", "planned to",
                                             "plans to", "aim to", "aimed to", "sought to", "seeking to", "wanted to",
                                             "want to", "vowed to", "vow to", "threatened to", "would", "will", "could"))
_MODS = r"(?:(?!(?-i:or|including|among|of|in|on|at|by|with|from|to|were|was|are|is)\b|\d)[\w'’“”\"-]+\s+){0,4}?"
_VICTIMS = rf"(?P<victims>(?!and\b)(?:of\s+(?:its|their|his|her|the)\s+)?{_MODS}(?:{VICTIM_NOUNS}))\b"

# "10 children killed and wounded", "18 killed or injured": one count of both, so no death toll
# ("6 dead, missing and wounded", "6 martyrs, missing and injured": a list of mixed fates, one count of all)
_MIXED_FATES = r"(?:\s*,\s*(?:missing|wounded|injured|hurt))*\s*,?\s+(?:and|or|and/or)\s+(?:the\s+)?(?:wounded|injured|injuries|hurt|missing)\b"
_NOT_BOTH = rf"(?!{_MIXED_FATES})"
# "kills and wounds 12", "killing and injuring 14": the same one count of both fates, told by the verbs
_NOT_AFTER_KILL = "".join(rf"(?<!\b{verb} and )" for verb in ("kill", "kills", "killed", "killing"))
_LIST_JOIN = r"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)"  # "a soldier, two civilians and a child": between parts of one list of victims
# A toll over a period is a tally, never one event's toll: "36 killed in the past 48 hours",
# "84 were killed yesterday, including ...", "more than 180 killed during 11 days of fighting"
# (built in _patterns: its number words are the run's, from two up; "in one day" is left alone).
_PERIOD_AFTER = (
    r"(?:(?!\band\b)[^.;,]){{0,40}}?\b(?:yesterday,?\s+including|in\s+(?:the\s+)?(?:past|last)\s+(?:\d+|few|several|{some})?\s*(?:hours|days|weeks|months)"
    r"|(?:during|in|within|over)\s+(?:the\s+)?(?:last\s+|past\s+)?(?:about\s+|nearly\s+|more\s+than\s+|some\s+)?"
    r"(?:\d+|{many})\s+(?:hours|days|weeks|months)"
    r"|since\b|so\s+far\s+this|(?:this|last)\s+year\b|in\s+(?:(?:{months})\s+)?(?:19|20)\d\d\b|in\s+(?:\w+\s+)?operations\b|in\s+the\s+(?:war|conflict)\b)"
)

_AUX = r"were|was|have been|had been|are|is|being|reportedly|where|who (?:were|was|have been|had been)"
# "20 casualties most of them children killed", "10 civilians -mostly women- were killed": an aside on the victims
_ASIDE = r"(?:\s*,?\s*-?\s*(?:most|many|some|half|mostly|all)\b[^,.;\d]{0,40}?-?,?)?"
_DIED = r"killed|dead|died|slain|perished|lost their lives|martyred|assassinated"
_AFTER_QUAL = r"(?:\s+at\s+leas?t)?"  # "3 casualties at least killed"
_EXECUTE = (r"executed|executes|executing|execute|beheaded|beheads|beheading|behead|slaughtered|slaughters|slaughtering"
            r"|assassinated|assassinates|assassinating")
# the words of a victim's group after "of": no verb, no number, no clause break ("8 members of Tahrir al-Sham")
_GROUP_WORDS = r"(?:(?!\b(?:were|was|are|is|had|have|has|who|which|that|after|when|in|by|during)\b)[^.;,\d]){1,80}?"
_KILL_BOTH = re.compile(  # "killing both men inside", "both soldiers were killed": exactly two, victims named
    rf"\b(?:killed|killing|kills)\s+(?P<num>both)\s+(?:of\s+the\s+)?{_VICTIMS}"
    rf"|\b(?P<num2>both)\s+{_VICTIMS.replace('victims', 'victims2')}\s+(?:were|have been|had been)\s+(?:killed|slain)\b",
    re.I,
)
# "a member of Kataib Hezbollah was killed": the victim's group may follow the noun
_OF_GROUP = r"(?:\s+(?:of|from)\s+(?:(?!\b(?:and|who|which|that|were|was)\b)[^.;,\d]){1,60}?)?"
_KILLED_ONE = r"killed|slain|assassinated|shot dead|executed|beheaded|martyred"  # what befell one victim: "a soldier was killed", "one of the crew was shot dead"
# "a 35-year-old man was killed", "shot dead a 20-year-old young man": the age is no count
_AGE = r"(?:\d{1,3}-year-old\s+)?"
_SINGLE_KILLED = re.compile(
    rf"\b(?<!number )(?:an?|one)\s+{_AGE}(?P<victims>{_MODS}(?:{VICTIM_NOUNS})){_OF_GROUP}\s+(?:was|has been|had been|is)\s+"
    rf"(?:(?:struck|shot|hit|stabbed|wounded)\s+and\s+)?(?:{_KILLED_ONE})\b"
    # "a soldier died of wounds sustained in ...", "a child dies of his injuries": one victim, of the event's wounds
    rf"|\b(?<!number )(?:an?|one)\s+(?P<victims5>{_MODS}(?:{VICTIM_NOUNS})){_OF_GROUP}\s+(?:has\s+)?(?:died|dies|succumbed)\b"
    rf"[^.;,\d]{{0,30}}?\b(?:of|from|to)\s+(?:his\s+|her\s+|the\s+)?(?:wounds|injuries)\b"
    rf"|\b(?:killing|killed|kills|{_INTENT}kill|assassinated|assassinating|assassinates|execut(?:es|ed|ing|e)|behead(?:s|ed|ing)?"
    rf"|(?:shot|shoots|shooting)\s+dead|(?:gunned|guns|gunning)\s+down)\s+(?:an?|one)\s+{_AGE}"
    rf"(?!number\b)(?P<victims2>{_MODS}(?:{VICTIM_NOUNS}))\b"
    # headline style, no article: "Senior Kurdish commander killed in ...", "Turkish soldier killed in ..."
    rf"|^\s*(?:(?!\d)[\w'’“”-]+\s+){{0,4}}?(?P<victims3>(?:{VICTIM_NOUNS}))"
    rf"(?<![sS])(?<!men)(?<!children)(?<!people)(?<!police)(?<!personnel)(?<!staff)\s+(?:(?:was|is)\s+)?"
    rf"(?:{_KILLED_ONE})\b{_NOT_BOTH}"
    # "one of the crew members was killed"
    rf"|\bone\s+of\s+(?:the|its|their|his|her)\s+(?P<victims4>[^,.;\d]{{1,90}}?)\s+(?:was|has\s+been|had\s+been|is)\s+"
    rf"(?:{_KILLED_ONE})\b",
    re.I,
)
# A word every match of _SINGLE_KILLED contains (its verbs: killed, slain, assassinated, shot dead, executed,
# beheaded, martyred, died, dies, succumbed, kills, gunned down ...): a text without one is not scanned
_SINGLE_KILLED_CUE = re.compile(r"kill|slain|assassinat|shot|shoot|execut|behead|martyr|died|dies|succumb|gun", re.I)
_INJURE_ANOTHER = re.compile(  # "two soldiers were killed and another wounded": one more, the wounded
    rf"\b(?:killed|dead)\s+and\s+(?P<num>another)\s+(?:(?:{VICTIM_NOUNS})\s+)?(?:(?:was|were)\s+)?(?:injured|wounded|hurt)\b",
    re.I,
)
_NONE_KILLED = re.compile(
    r"\bno (?:one|deaths|fatalities|casualties|immediate casualties)\b[^.;]{0,30}?\b(?:reported|killed|recorded)"
    r"|\bno one was (?:killed|hurt|injured)|\bwithout (?:causing )?casualties|\bno (?:reports of )?casualties\b"
    r"|\bthere were no (?:casualties|deaths|fatalities)",
    re.I,
)
_NONE_INJURED = re.compile(
    r"\bno (?:one|injuries|casualties)\b[^.;]{0,30}?\b(?:reported|hurt|injured)|\bno one was (?:hurt|injured)"
    r"|\bno (?:reports of )?(?:casualties|injuries)\b|\bthere were no (?:casualties|injuries)|\bwithout (?:causing )?casualties",
    re.I,
)


@lang.derived
def toll_update(words: lang.Words) -> re.Pattern[str]:
    """"the death toll rose to five", "raising the toll to 12", "Rose to 31 the number of rebels killed": a later
    figure of a count already given (kept as a dated claim that supersedes the earlier figure of its source)."""
    rise = lang.alternation(words.words("toll_rise_verbs"))
    return re.compile(
        r"\b(?:death toll|toll|number of (?:the )?(?:dead|deaths|fatalities|martyrs|casualties|victims|people killed|those killed"
        r"|[\w'’ -]{1,60}?\b(?:killed|dead)))\b[^.;]{0,160}?"
        rf"\b(?:{rise}|risen|rise|mounted|mounts|reached|reaches|went up|goes up)(?:\s+it)?\s+to\b"
        r"|\b(?:raised|raises|raise|raising|pushed|pushing|bringing|brought)\s+(?:the\s+)?(?:death\s+)?(?:toll|number)\b[^.;]{0,100}?\bto\b"
        rf"|\b(?:{rise})\s+to\s+[^.;]{{1,90}}?"
        r"\b(?:(?:the\s+)?(?:number|death toll|toll)\s+of|those\s+(?:who|killed))\b",
        re.I,
    )


@lang.derived
def toll_word(words: lang.Words) -> re.Pattern[str]:
    """A word that speaks of a toll (lang/tolls.yaml toll_stems): "killed", "casualties", "wounded"."""
    return re.compile(rf"\b(?:{lang.alternation(words.words('toll_stems'))})", re.I)


@lang.derived
def _near_toll(words: lang.Words) -> re.Pattern[str]:
    """A toll word, or the victims or lives a figure next to it counts ("two persons", "the lives of 3")."""
    near = [*words.words("toll_stems"), "die", "victim", "people", "persons", "civilians", "lives"]
    return re.compile(rf"\b(?:{lang.alternation(near)})", re.I)

# a sentence that opens on a toll rising ("The death toll later climbed to five, ...", "SOHR has learned that the death
# toll of the ambush ... has risen to 14, after ...") tells a figure of its own
_OPENING_UPDATE = re.compile(r"^\W*(?:[^.;,]{0,60}?\b(?:has|have|had)\s+(?:learned|learnt)\s+that\s+)?(?:the\s+)?(?:death\s+)?toll\b[^.;,]{0,160}?\b(?:rose|risen|rises|climbed|climbs|increased"
                             r"|increases|jumped|jumps|soared|soars|mounted|reached|went up)\s+to\b", re.I)
_WOUNDED_DIED = re.compile(r"\bof\s+(?:the|their)\s+(?:wounded|injured)\b|\b(?:wounds|injuries)\b|\bin\s+hospital\b|\bsuccumb", re.I)
_REPORT_LEMMAS = frozenset({"say", "report", "tell", "state", "announce", "confirm", "add", "claim", "put", "estimate", "document", "record",
                            "learn"})
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;]{2,80})", re.I)


@dataclass(frozen=True)
class _Patterns:
    """The patterns that read a count, built from the number and month words of knowledge/lang/."""

    quantity: str
    kill_active: re.Pattern[str]
    kill_kin: re.Pattern[str]
    kill_list_active: re.Pattern[str]
    kill_casualties: re.Pattern[str]
    kill_more: re.Pattern[str]
    kill_companions: re.Pattern[str]
    kill_others: re.Pattern[str]
    kill_left: re.Pattern[str]
    kill_passive: re.Pattern[str]
    kill_list: re.Pattern[str]
    kill_group: re.Pattern[str]
    kill_including: re.Pattern[str]
    kill_deaths: re.Pattern[str]
    list_part: re.Pattern[str]
    executed: re.Pattern[str]
    kill_noun: re.Pattern[str]
    toll: re.Pattern[str]
    toll_number: re.Pattern[str]
    injure_active: re.Pattern[str]
    injure_passive: re.Pattern[str]
    capture: re.Pattern[str]
    guards: dict[re.Pattern[str], re.Pattern[str]]  # pattern -> the cue every match of it contains
    guard_of: dict[int, re.Pattern[str]]  # the same by id(pattern): a compiled pattern hashes its whole code
    period_checked: frozenset[int]  # ids of the patterns whose counts are checked for a period
    month_after: re.Pattern[str]
    month_before: re.Pattern[str]
    period_after: re.Pattern[str]


@lang.derived
def _patterns(words: lang.Words) -> _Patterns:
    """Every pattern that reads a count; a new one goes here (it needs the words of the run)."""
    units = [w for w, v in words.numbers.items() if v < 10]
    word_num = (rf"(?:(?:{lang.alternation(words.tens)})(?:[- ](?:{lang.alternation(units)}))?"
                rf"|{lang.alternation(words.numbers)})")
    one_num = rf"(?:{_DIGITS}|{word_num})"
    range_ = rf"(?:between\s+{one_num}\s+and\s+{one_num}|{one_num}(?:\s*(?:-|–|to|or)\s*{one_num})?)"
    # A count: optional qualifier + number/range, or a vague quantity, or "a/an" before a singular victim.
    quantity = rf"(?:(?:{_QUAL_RE})\s+)?(?:{_VAGUE_RE}|{range_})"
    kill_active = re.compile(
        rf"\b(?:killed|killing|kills|{_INTENT}kill|(?:claimed|claims|claiming|claim|takes|took) (?:the )?lives of"
        # "police shot dead three demonstrators", "gunmen gunned down two traders": the count follows the verb
        rf"|(?:shot|shoots|shooting)\s+dead|(?:gunned|guns|gunning)\s+down)\s+(?:an?\s+family\s+of\s+)?(?P<num>{quantity})\b(?:\s+{_VICTIMS})?",
        re.I,
    )
    kill_more = re.compile(  # "killed three soldiers and two civilians", "killing two children and an old woman"
        rf"\b(?:killed|killing|kills)\s+{quantity}\s+{_MODS}(?:{VICTIM_NOUNS})\s+and\s+(?P<num>{quantity}|\ban?\b|\bone\b)\s+{_VICTIMS}",
        re.I,
    )
    # "a commander of a battalion and 12 of his family were killed", "kills a man and his son",
    # "kill a mother with her 4 children": the victim and his kin are summed
    head = rf"(?:(?:{quantity}|an?|one|the)\s+)?{_MODS}(?:{VICTIM_NOUNS})\b(?:\s+of\s+(?:(?!\band\b)[^,;.\d]){{1,50}}?)?"
    kin = rf"(?:\s+and|\s*,?\s+(?:along |together )?with)\s+(?:(?:{quantity})\s+(?:of\s+)?)?(?:his|her|their)\s+(?:(?:{quantity})\s+)?(?:{KIN_NOUNS})\b"
    kill_kin = re.compile(
        rf"(?P<num>\b{head}(?:{kin})+){_AFTER_QUAL}\s+(?:(?:{_AUX})\s+)*(?:{_DIED}|executed|beheaded)\b{_NOT_BOTH}"
        rf"|\b(?:killed|killing|kills|{_INTENT}kill|execut(?:es|ed|ing|e)|behead(?:s|ed|ing)?)\s+(?P<num2>{head}(?:{kin})+)",
        re.I,
    )
    # "12 casualties at least and tens of injuries": set beside the wounded, "casualties" are the dead
    kill_casualties = re.compile(
        rf"(?P<num>\b{quantity})\s+(?:[\w'’-]+\s+){{0,2}}?casualties\b(?:\s+at\s+leas?t)?[^.;\d]{{0,60}}?\s*,?\s+(?:and|while)\s+"
        rf"(?:{quantity}|(?:an?\s+)?large\s+number\s+of|several|many|others)\s+(?:of\s+)?(?:[\w'’-]+\s+)?(?:injuries|injured|wounded|wounds)\b",
        re.I,
    )
    kill_companions = re.compile(  # "killed a senior commander and one of his aides": the aides count too
        rf"\b(?:killed|killing|kills)\s+[^.;]{{0,80}}?\band\s+(?P<num>{quantity})\s+of\s+(?:his|her|their)\s+"
        rf"(?P<victims>aides|guards|bodyguards|companions|escorts|deputies|associates|sons|relatives)\b",
        re.I,
    )
    kill_others = re.compile(  # "killed a senior commander and two other people": one named, then the others
        rf"\b(?:killed|killing|kills)\s+(?:an?|one)\s+[^.;,]{{0,60}}?\band\s+(?P<num>{quantity})\s+(?:other|more)\s+{_VICTIMS}",
        re.I,
    )
    kill_left = re.compile(
        rf"\b(?:left|leaving|leaves|leave)\s+(?P<num>{quantity})\b(?:\s+{_VICTIMS})?\s+dead\b{_NOT_BOTH}", re.I
    )
    kill_passive = re.compile(
        rf"(?P<num>\b{quantity})\b(?:\s+{_VICTIMS}{_ASIDE}|(?:\s+(?-i:[A-Z][A-Za-z-]+)){{1,2}})?(?:,[^,.;]{{1,40}},)?{_AFTER_QUAL}\s+(?:(?:{_AUX})\s+)*"
        rf"(?:{_DIED})\b{_NOT_BOTH}",
        re.I,
    )
    # "three soldiers and two civilian contractors were killed": victims listed in parts are summed
    part = rf"(?:{quantity}|an?)\s+{_MODS}(?:{VICTIM_NOUNS})\b"
    list_part = re.compile(rf"(?P<num>\b{quantity}|\ban?)\s+{_MODS}(?:{VICTIM_NOUNS})\b", re.I)
    kill_list = re.compile(
        rf"(?P<num>\b{part}(?:{_LIST_JOIN}{part})+){_OF_GROUP}{_AFTER_QUAL}\s+(?:(?:{_AUX})\s+)*"
        rf"(?:{_DIED})\b{_NOT_BOTH}",
        re.I,
    )
    kill_list_active = re.compile(
        rf"\b(?:killed|killing|kills|{_INTENT}kill|(?:martyrdom|deaths?)\s+of)\s+(?P<num>{part}(?:\s+(?:of|from|in)\s+(?:the\s+)?[\w'’“”-]+(?:\s+[\w'’“”-]+)?)?"
        rf"(?:{_LIST_JOIN}{part})+)",
        re.I,
    )
    # "28 casualties including 8 children and women were killed": the whole, not its part
    kill_including = re.compile(
        rf"(?P<num>\b{quantity})(?:\s+{_VICTIMS})?\s*,?\s*-?\s*including\b[^.;]{{1,60}}?{_AFTER_QUAL}-?,?\s+(?:(?:{_AUX})\s+)*"
        rf"(?:{_DIED})\b{_NOT_BOTH}",
        re.I,
    )
    # "resulted in 4 fatalities", "caused the death of 3 civilians", "regime forces lost 12 members"
    kill_deaths = re.compile(
        rf"(?P<num>\b{quantity})\s+(?:fatalities|deaths)\b(?!\s+and\s+(?:injur|wound))"
        rf"|\b(?:death|deaths|killing|assassination|execution|beheading|martyrdom)\s+of\s+(?P<num2>{quantity})\s+{_VICTIMS}"
        rf"|\b(?:lost|losing|loses|lose)\s+(?P<num3>{quantity})\s+(?:of\s+(?:its|their|his)\s+)?{_VICTIMS.replace('victims', 'victims3')}",
        re.I,
    )
    # "8 members of Tahrir al-Sham killed", "3 members of the regime forces and gunmen loyal to them were killed"
    kill_group = re.compile(
        rf"(?P<num>\b{quantity})\s+(?P<victims>(?:{_MODS}(?:{VICTIM_NOUNS})\s+(?:of|from)\s+|(?:of|from)\s+(?=the\s|its\s|their\s|[A-Z“\"])(?!{_GROUP_WORDS}\band\s+(?!(?:the|its|their|allied|loyal|pro|[A-Z“\"]|{VICTIM_NOUNS})\b))){_GROUP_WORDS}){_AFTER_QUAL}"
        rf"\s+(?:(?:{_AUX})\s+)*(?:{_DIED}|executed|beheaded|slaughtered|assassinated)\b{_NOT_BOTH}",
        re.I,
    )
    executed = re.compile(  # "executes two young men", "five men were executed": only with the victims named
        rf"\b(?:{_EXECUTE})\s+(?P<num>{quantity})\s+{_VICTIMS}"
        rf"|(?P<num2>\b{quantity})\s+{_VICTIMS.replace('victims', 'victims2')}\s+(?:(?:were|was|are|have been|had been)\s+)?"
        rf"(?:executed|beheaded|assassinated|slaughtered)\b"
        rf"|\b(?:{_EXECUTE})\s+(?P<num3>{quantity})(?=\s+(?:in|on|at|near|for|over|after)\b|\s*[,.;]|\s*$)",
        re.I,
    )
    kill_noun = re.compile(  # "3 martyrs and several wounded", "at least 32 martyrs in Aleppo"; never "30 martyrs and wounded"
        rf"(?P<num>\b{quantity})\s+(?:{_MODS})?martyrs\b{_NOT_BOTH}", re.I
    )
    toll = re.compile(
        rf"\bdeath toll\b[^.;]{{0,120}}?\b(?:to|at|of|reached|is|was|hit)\s+(?P<num>{quantity})\b"
        rf"|\b(?:put|puts|putting|placed|places|estimated|estimates)\s+(?:the\s+)?(?:death\s+)?toll\s+at\s+(?P<num2>{quantity})\b", re.I
    )
    # "the number of people killed in the massacre rose to 7", "Rose to 31 the number of rebels who were killed"
    toll_number = re.compile(
        rf"\bnumber of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,8}}?(?:killed|dead|deaths|fatalities|martyrs|casualties|victims)\b"
        rf"[^.;]{{0,120}}?\b(?:to|reached|reaches|at)\s+(?P<num>{quantity})\b"
        rf"|\b(?:{lang.alternation(words.words('toll_rise_verbs'))})\s+to\s+(?P<num2>{quantity})(?:\s+{_VICTIMS})?(?:\s*[-,]?\s*including\b[^,.;]{{1,60}}?-?)?,?\s+"
        rf"(?:(?:the\s+)?(?:number|death toll|toll)\s+of\b|those\s+(?:who\s+(?:were|have\s+been)\s+)?killed\b)",
        re.I,
    )
    injure_active = re.compile(  # never "kills and injures 7": one count of both fates (see _MIXED_FATES)
        rf"{_NOT_AFTER_KILL}\b(?:injuring|injured|injures|wounding|wounded|wounds|hurting)\s+(?P<num>{quantity})\b(?:\s+{_VICTIMS})?"
        # "the martyrdom of 3 citizens and the injury of 7 others" (never "the death and injury of 80": one count of both)
        rf"|\band\s+the\s+(?:injury|wounding)\s+of\s+(?P<num2>{quantity})\s+others\b",
        re.I,
    )
    injure_passive = re.compile(
        rf"(?P<num>\b{quantity})\b(?:\s+{_VICTIMS})?\s+(?:(?:were|was|have been|had been|are|being|others)\s+)*"
        rf"(?:injured|wounded|hurt)\b",
        re.I,
    )
    capture = re.compile(
        rf"\b(?:captured|capturing|took prisoner|taking prisoner)\s+(?P<num>{quantity})\b(?:\s+{_VICTIMS})?"
        rf"|(?P<num2>\b{quantity})\b(?:\s+{_VICTIMS.replace('victims', 'victims2')})?\s+(?:were|was|had been|have been)\s+(?:captured|taken prisoner)\b",
        re.I,
    )
    # A word every match of the pattern contains: a sentence without it is not scanned (the patterns
    # that open with a count try a match at every word, a fifth of the extract stage's time).
    guards = {
        pattern: re.compile(cue, re.I) for pattern, cue in (
            (kill_active, r"kill|lives of|dead|down"), (kill_more, r"kill"), (kill_casualties, r"casualt"),
            (kill_kin, rf"\b(?:his|her|their)\s(?s:.)*?(?:{KIN_NOUNS})"), (kill_list_active, r"kill|martyrdom|death"), (_KILL_BOTH, r"kill|slain"),
            (kill_companions, r"kill"), (kill_others, r"kill"), (kill_left, r"dead"),
            (kill_passive, r"kill|dead|died|slain|perished|lost their lives|martyred"), (toll, r"toll"),
            (kill_list, r"kill|dead|died|slain|perished|lost their lives|martyred"), (kill_including, r"including"),
            (kill_deaths, r"fatalit|deaths|death of|killing of|assassination of|execution of|beheading of|martyrdom of|lost|losing|loses|lose "), (toll_number, r"number of|those (?:who|killed)"),
            (kill_group, r"kill|dead|died|slain|perished|lost their lives|martyred|execut|behead|slaughter|assassin"),
            (kill_noun, r"martyrs"), (executed, r"execut|behead|assassin|slaughter"),
            (injure_active, r"injur|wound|hurt"), (injure_passive, r"injur|wound|hurt"), (_INJURE_ANOTHER, r"another"),
            (capture, r"captur|prisoner"),
        )
    }
    period_checked = frozenset(map(id, (kill_active, kill_kin, kill_list_active, kill_casualties, kill_passive, kill_list, kill_group, kill_including, kill_deaths, kill_noun, toll, toll_number, executed)))
    # "February 8 - Gunmen killed ...": a day of a month, never a count
    written = [w.capitalize() for w in words.months] + [w.upper() for w in words.months]  # never "may"
    month_before = re.compile(rf"\b(?:{lang.alternation(written)})\.?\s*$")
    month_after = re.compile(rf"\s*(?:{lang.alternation(words.months)})\b"
                             r"|\s*(?:thirds?\b|quarters?\b|percent|%|km|kilomet|mile|meter|metre|year|month|week|day|hour|minute)", re.I)
    many = [w for w, v in words.numbers.items() if 2 <= v]
    period_after = re.compile(_PERIOD_AFTER.format(
        some=lang.alternation(w for w in many if words.numbers[w] <= 3), months=lang.alternation(written),
        many=rf"(?:{lang.alternation(words.tens)})(?:[- ](?:{lang.alternation(units)}))?|{lang.alternation(many)}"), re.I)
    return _Patterns(quantity, kill_active, kill_kin, kill_list_active, kill_casualties, kill_more, kill_companions, kill_others, kill_left, kill_passive, kill_list, kill_group, kill_including, kill_deaths, list_part, executed, kill_noun, toll, toll_number, injure_active, injure_passive, capture, guards, {id(k): v for k, v in guards.items()}, period_checked, month_after, month_before, period_after)


@dataclass
class Count:
    value: int
    qualifier: str | None


def parse_quantity(text: str) -> Count | None:
    """'at least 16' -> 16/at least; 'dozens of' -> 12/dozens; '15 to 20' -> 15; 'a pair of' -> 2."""
    low = " ".join(text.lower().split())
    if low in ("both", "another", "a", "an"):
        return Count(2 if low == "both" else 1, None)
    qualifier = None
    for phrase in sorted(_QUALIFIERS, key=len, reverse=True):
        if low.startswith(phrase + " "):
            qualifier = _QUALIFIERS[phrase]
            low = low[len(phrase) + 1:]
            break
    for phrase in sorted(_VAGUE, key=len, reverse=True):
        if low.startswith(phrase):
            return Count(_VAGUE[phrase], qualifier or phrase.replace(" of", "").replace("a ", ""))
    low = low.removeprefix("between ")
    whole = _number(low)
    if whole is not None:  # "twenty-five" is one number, not a range
        return Count(whole, qualifier)
    first = re.split(r"\s*(?:-|–|\bto\b|\bor\b|\band\b)\s*", low, maxsplit=1)
    value = _number(first[0])
    if value is None:
        return None
    if len(first) > 1 and first[1].strip():
        qualifier = qualifier or "at least"  # a range: ACLED keeps the lower bound
    return Count(value, qualifier)


def _number(word: str) -> int | None:
    word = word.strip().replace(",", "")
    if word.isdigit():
        return int(word)
    return lang.words().number(word)


def _victims(match: re.Match[str]) -> str | None:
    for name in ("victims", "victims2", "victims3", "victims4", "victims5"):
        if name in match.re.groupindex and match.group(name):
            return " ".join(match.group(name).split())
    return None




# A count that is part of one already stated: "12 people, including four children", "most of them"
_PART_OF = re.compile(r"(?:\bout of|\bincluding|\bamong them|\bamong whom|\bof whom|\bof them|\bmostly|\bmainly|\bincluding at least)"
                      r"\s*(?:about\s+|some\s+|at least\s+)?$", re.I)
# A killing told in a clause about another event: "... coinciding with a clash that killed 28",
# "in response to killing 22 of its members", "after killing more than 80 people"
_BACKGROUND = re.compile(r"(?:^|[.;,]\s*)(?:after|following)\s+(?:the\s+)?$"
                         r"|\b(?:after|following)\s+(?:about\s+|nearly\s+|more\s+than\s+)?(?:\d+|an?|few|several|one|two|three)?\s*"
                         r"(?:hours?|days?|weeks?|months?|years?)?\s*(?:of\s+)?(?:his|her|their|its)\s+$"
                         r"|\b(?:after|following)\s+(?:about\s+|nearly\s+|more\s+than\s+)?(?:\d+|an?|few|several|one|two|three)\s+"
                         r"(?:hours?|days?|weeks?|months?|years?)\s+of\s+$", re.I)
_SUBORDINATE = re.compile(r"(?:\b(?:that|which|who)\s+(?:had\s+|has\s+|have\s+)?|\b(?:after|following|since|before|of|for|over|to)\s+(?:the\s+)?)$", re.I)
# "... raise the death toll to 670 civilians killed": the count a running total reached
_RUNNING_BEFORE = re.compile(r"\b(?:toll|number)\b[^.;…\d]{0,40}?\bto\s+(?:about\s+|at\s+least\s+|more\s+than\s+|nearly\s+|over\s+)?$"
                             r"|\b(?:rais\w*|bring\w*|brought|push\w*|rises|rose|risen|rising|increas\w*|climb\w*)\s+to\s+"
                             r"(?:about\s+|at\s+least\s+|more\s+than\s+|nearly\s+|over\s+)?$", re.I)
_INCLUDED = re.compile(r"\bincluding\b[^.;…,]*\b(?:and|besides)\s+$", re.I)  # "55 ..., including 15 children and 3 of the rescuers"
_STRONG_BREAK = re.compile(edge(ELLIPSIS, ";", ",", DASH))
_PARTS_CUE = re.compile(r"\bthe\s+(?:first|second|third|other|latter|former)\b", re.I)
_SAYS_AFTER = re.compile(r"\s+(?:said|says|say|reported|report|told|added)\b", re.I)
_AFTER = re.compile(r"\b(?:after|following)\b", re.I)


def _after_clause(text: str, m: re.Match[str]) -> bool:
    """'After 11 months of strikes left 90 dead, 7 fighters are killed ...', 'Hours after a massacre claimed the
    lives of 9 ... the regime forces kill a girl': a killing told in an opening 'after' clause is the earlier one."""
    start = max((b.end() for b in _STRONG_BREAK.finditer(text, 0, m.start())), default=0)
    return bool(_AFTER.search(text, start, m.start())) and _STRONG_BREAK.search(text, m.end()) is not None


# A toll over a period named anywhere in the sentence: "September was the deadliest month, with 3,000 killed",
# "August was one of the bloodiest months", "the war, now in its sixth year, has killed more than 300,000"
# (the superlatives and the wars are lang/tolls.yaml's period_superlatives and tally_killers)
@lang.derived
def _period_anywhere(words: lang.Words) -> re.Pattern[str]:
    superlative = lang.alternation(words.words("period_superlatives"))
    killer = lang.alternation(words.words("tally_killers"))
    return re.compile(rf"\b(?:{superlative})\s+(?:single\s+)?(?:day|week|month|year|period)s?\b"
                      r"|\b(?:completes|completed|enters|entered|ends|ended|marks)\s+(?:its|the)\s+\w+\s+(?:day|week|month|year)\b"
                      # "in its more than 35-year terror campaign, the PKK has been responsible for the deaths of 40,000"
                      r"|\b\d+-year\s+(?:[\w'’-]+\s+){0,2}?(?:campaign|war|conflict|insurgency|struggle|occupation)\b"
                      rf"|\b(?:{killer})\b(?!\s+(?:planes?|jets?|crimes?|monitor))[^.;]{{0,60}}?\b(?:has|have|had)\s+"
                      r"(?:so\s+far\s+|now\s+|already\s+)?(?:killed|claimed)\b", re.I)

# ... or in the count's own clause: "killed in the war", "since the start of the year"
_PERIOD_IN_CLAUSE = re.compile(r"\b(?:in|since|during)\s+the\s+(?:war|conflict|siege)\b"
                               r"|\bsince\s+the\s+(?:start|beginning|outbreak)\b"
                               r"|\b(?:during|in|within|over)\s+(?:the\s+)?(?:past|last)\s+(?:\d+\s+|\w+\s+)?(?:hours|days|weeks|months)\b"
                               # "over the past week, shelling has claimed the lives of 27": a week's tally
                               r"|\b(?:during|in|within|over)\s+the\s+(?:past|last)\s+(?:week|month|year)\b"
                               r"|\b(?:in|during|over|within)\s+(?:the\s+)?(?:about\s+|nearly\s+|more\s+than\s+|less\s+than\s+)?"
                               r"\d+\s+(?:consecutive\s+)?(?:days|weeks|months)\b"
                               r"|\b(?:in|during|over|within)\s+(?:about|nearly|more\s+than|less\s+than)\s+(?:a|one)\s+(?:week|month|year)\b"
                               r"|\b\d+\s+consecutive\s+(?:days|weeks|months)\b"
                               # "on the 15th consecutive day", "on the 90th day of the escalation": one day of a campaign
                               r"|\b(?:on|for|in|at\s+the\s+end\s+of)\s+the\s+(?:\d+(?:st|nd|rd|th)|[a-z]+(?:st|nd|rd|th))\s+"
                               r"(?:consecutive\s+)?(?:day|week|month)\b"
                               # "in less than 24 hours", "within 48 hours": a day's tally, not one event's
                               r"|\b(?:in|during|over|within)\s+(?:the\s+)?(?:recent\s+|past\s+|last\s+)?(?:less\s+than\s+|about\s+|nearly\s+)?\d{2,3}\s+hours\b"
                               r"|\bin\s+a\s+whole\s+(?:day|week|month)\b"
                               # "The first 24 hours of the new ceasefire witness the death of one civilian and 5 ..."
                               r"|\bthe\s+(?:first|past|last)\s+\d{1,3}\s+(?:hours|days)\b"
                               # "4 bloody days witness the death of 230 citizens"
                               r"|\b(?:\d+|two|three|four|five|six|seven)\s+(?:bloody\s+|long\s+)?(?:days|weeks|months)\s+(?:witness|witnessed|saw)\b"
                               # "the clashes, which lasted for about two weeks, killed 25", "in its 35-year terror campaign"
                               r"|\blast(?:ed|s|ing)\s+(?:for\s+)?(?:about\s+|nearly\s+|more\s+than\s+|over\s+)?"
                               r"(?:\d+|two|three|four|five|six|several|a\s+few)\s+(?:weeks|months|years)\b"

                               r"|\b(?:highest|lowest|largest|biggest|heaviest)\s+(?:daily\s+|weekly\s+|monthly\s+)?(?:death\s+)?tolls?\b", re.I)
_CLAUSE_BREAK = re.compile(edge(ELLIPSIS, ";", ":", r"\s-\s") + r"|\band\s+(?:the|a|an)\b|,\s*(?:and|while)\b"
                           r"|\b(?:and\s+)?(?:rais|rise|rose|bring|push|increas)\w*\s+(?:to\s+(?:about\s+|more\s+than\s+|at\s+least\s+|nearly\s+)?[\d,]+\s*,?\s+)?(?:the|their|its)\b", re.I)


_SINCE = re.compile(r"\bsince\b", re.I)
_IN_WHICH = re.compile(r"\b(?:in|during|over|among)\s+(?:which|whom)\b", re.I)
_SINCE_STOP = re.compile(edge(ELLIPSIS, "[,;:]", DASH, r"\b(?:rais|rise|rose|bring|push|increas)\w*\b"), re.I)


# "... killed 18 civilians on Monday, a war monitor said, as a bombing campaign entered its third month": a
# period told in a trailing 'as' clause after the count dates the campaign, not the count
_TRAILING_ASIDE = re.compile(r"[,;]\s*(?:as|while|when)\s+[^,;.]*$", re.I)


def _period_toll(text: str, start: int) -> bool:
    """A period named for the whole sentence, or in the clause that holds the count at ``start``, or a
    'since' after the count in its clause ("20 were killed in the bombing of the area since the morning")."""
    if any(not _TRAILING_ASIDE.search(text, start, m.start()) for m in _period_anywhere().finditer(text)):
        return True
    breaks = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    lo = max(b for b in breaks if b <= start)
    hi = min((b for b in breaks if b > start), default=len(text))
    stop = _SINCE_STOP.search(text, start)
    if _IN_WHICH.search(text, lo, start) and _SINCE.search(text, 0, start):
        return True  # "23 assassinations since the agreement, in which 17 people were killed"
    return bool(_PERIOD_IN_CLAUSE.search(text, lo, hi) or _SINCE.search(text, start, stop.start() if stop else len(text)))


# A running count is one event's toll only when it names the event and no period or mixed count:
# "the number of those killed in the massacre rose to 7", never "raises to 503 the number of
# casualties during the agreement" or "the number of casualties and injuries to about 80"
def _killed_in(heads: str, events: str) -> re.Pattern[str]:
    """'killed in the massacre', 'the toll of the bombing': a count said to be of an event named by ``events``."""
    return re.compile(rf"\b(?:{heads})\s+(?:\w+\s+){{0,3}}?(?:in|by|from|of|as a result of)\s+"
                      rf"(?:the\s+|this\s+|today's\s+|yesterday's\s+|an?\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{events})\b", re.I)


_NUMBER_OF_EVENT = _killed_in("killed|dead|died|casualties|victims|martyrs",
                              "massacre|attack|bombing|explosion|blast|strikes?|airstrikes?|raids?|shelling|clash(?:es)?"
                              "|ambush|suicide|bombardment|landmine|mine|car bomb|assault")
_NUMBER_OF_NOT = re.compile(r"\b(?:during|since|within|today|latest|past|last|agreement|deal|truce|siege|escalation"
                            r"|bloody day|operations|and injur|and wound|and injuries)\b", re.I)


_TOLL_OF_A_PERIOD = re.compile(r"\btoll\s+(?:of|for|in)\s+(?:the|this)\s+(?:\w+\s+)?(?:day|week|month|year)\b", re.I)


# A running total over a campaign, not one event's toll: "raising the death toll to 175 as the escalation
# enters its third week", "raise the death toll to 95 in the same conditions", "since the agreement"
_CAMPAIGN = re.compile(r"\b(?:(?:total|overall|cumulative)\s+(?:death\s+)?toll|escalation|campaign|offensive|operations?|agreement|deal|truce|ceasefire|armistice|siege"
                       r"|since|so\s+far|to\s+date|this\s+year|(?:the\s+)?same\s+(?:conditions|period|circumstances)"
                       r"|continu(?:e|es|ed|ing)|several\s+(?:areas|towns|villages|places|neighbou?rhoods)"
                       r"|(?:\d+|several|few|two|three|four|five)\s+(?:days|weeks|months|years)"
                       r"|\d+(?:st|nd|rd|th)\s+(?:day|week|month)|consecutive)\b", re.I)
# ... unless the count is plainly one event's: "the death toll of the massacre in Zardana rose to 44"
_ONE_EVENT = re.compile(r"\b(?:the|an?|this|today['’]s|yesterday['’]s|[\w-]+['’]s?)\s+(?:[\w'’-]+\s+){0,2}?"
                        r"(?:massacre|attack|bombing|explosion|blast|airstrike|air\s+strike|strike|ambush|assault"
                        r"|car\s+bomb|suicide\s+bombing)\b", re.I)


# "the number of people who were killed in Kafr Nubl massacre rose to 13": the count names its one event
_NAMED_EVENT = _killed_in("killed|dead|died|casualties|victims|toll", "massacre|attack|bombing|explosion|blast|ambush|car bomb|assault")


def _campaign_total(text: str, killed: int) -> bool:
    """A running total ("the death toll rose to N") that counts a campaign rather than one event."""
    if _NAMED_EVENT.search(text):
        return False
    return bool(_CAMPAIGN.search(text)) or (killed >= 100 and not _ONE_EVENT.search(text))


def _running_count_of_an_event(text: str) -> bool:
    return bool(_NUMBER_OF_EVENT.search(text)) and not _NUMBER_OF_NOT.search(text)


def _found(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text)``, not run on a text without its guard's cue."""
    guard = _patterns().guard_of.get(id(pattern))
    return (guard is None or guard.search(text) is not None) and pattern.search(text) is not None


def _sum_matches(patterns: list[re.Pattern[str]], text: str, first_only: bool = False
                 ) -> tuple[int | None, str | None, list[str]]:
    """Total of the distinct counts stated ("3 soldiers and 2 civilians" = 5), first qualifier, victims.
    A count inside a clause about another event ("a clash that killed 28") is left out when the
    sentence states a toll of its own."""
    found: list[tuple[bool, int, str | None, str | None, int]] = []  # (subordinate, value, qualifier, victims, where)
    listed: set[int] = set()  # where the counts of lists in parts stand
    taken: list[tuple[int, int]] = []
    p = _patterns()
    for pattern in patterns:
        guard = p.guard_of.get(id(pattern))
        if guard is not None and guard.search(text) is None:
            continue
        for m in pattern.finditer(text):
            group = next((g for g in ("num", "num2", "num3") if g in m.re.groupindex and m.group(g)), None)
            if group is None:
                continue
            s, e = m.span(group)
            if _YEAR.fullmatch(m.group(group).strip()):
                continue  # "In 2019 Turkey killed 3 fighters": a year, never a count
            if any(s < te and ts < e for ts, te in taken):
                continue
            if _looks_like_date(text, e) or _PART_OF.search(text, max(0, s - 30), s) or _INCLUDED.search(text, max(0, s - 80), s) \
                    or p.month_before.search(text, max(0, s - 12), s):
                continue
            if pattern not in (p.toll, p.toll_number) and _RUNNING_BEFORE.search(text, max(0, s - 60), s):
                continue  # "raise the death toll to 670 civilians killed by ...": a running total, read as one below
            if (id(pattern) in p.period_checked or pattern is p.injure_active and group == "num2") and (
                    p.period_after.match(text, m.end()) or _period_toll(text, s)):
                continue  # a period's toll: the tallies module keeps it ("4 bloody days witness ... the injury of 700 others")
            if pattern is p.toll_number and m.group("victims") and re.search(rf"\b(?:{p.quantity})\b", m.group("victims"), re.I):
                continue  # "raise to 5 children and one woman, the number ...": parts, not the running figure
            if pattern is p.toll_number and not _running_count_of_an_event(text) or \
                    pattern is p.toll and _TOLL_OF_A_PERIOD.search(m.group(0)):
                continue
            if pattern is p.kill_kin:
                count = _kin_total(m.group(group))
            elif pattern is p.kill_list or pattern is p.kill_list_active:
                # "killed 37 citizens, and tens of citizens have lost their lives ... since the beginning of the
                # year": a part told over a period is a tally, not a part of the event's toll
                # "killing 12 people, a monitoring group and residents said": the sayers are no part of the list
                parts = [(parse_quantity(q.group("num")) if q.group("num").lower() not in ("a", "an") else Count(1, None))
                         for q in p.list_part.finditer(m.group(group)) if not _period_toll(text, s + q.start())
                         and not _SAYS_AFTER.match(text, s + q.end())]
                count = Count(sum(c.value for c in parts if c), next((c.qualifier for c in parts if c and c.qualifier), None))
            else:
                count = parse_quantity(m.group(group))
            if count is None:
                continue
            taken.append((s, e))
            qualifier = count.qualifier or ("at least" if re.search(r"\bat leas?t\b", text[e:m.end()]) else None)
            if s > m.start() and (_BACKGROUND.search(text, max(0, m.start() - 25), m.start()) or _after_clause(text, m)):
                continue  # "After the death of 15 citizens in shelling, warplanes target ...": an earlier event's
            subordinate = s > m.start() and bool(_SUBORDINATE.search(text, max(0, m.start() - 25), m.start()))
            who = " ".join(m.group(group).split()) if pattern in (p.kill_list, p.kill_list_active) else _victims(m)
            found.append((subordinate, count.value, qualifier, who, s))
            if pattern in (p.kill_kin, p.kill_list, p.kill_list_active):
                listed.add(s)
    if any(not sub for sub, *_ in found):
        found = [f for f in found if not f[0]]
    # "Airstrikes kill eight civilians ... strikes killed three women, five children": the parts restate the total
    found = [f for f in found if not (f[4] in listed and any(g[1] == f[1] and g[4] not in listed for g in found))]
    # "Twin car bombs killed 25 people, the first killing 15 and the second 10": the parts restate the total
    if len(found) >= 2:
        total, *parts = sorted(found, key=lambda f: f[4])
        if sum(f[1] for f in parts) <= total[1] and not _PARTS_CUE.search(text, 0, total[4]) \
                and all(_PARTS_CUE.search(text, max(total[4], f[4] - 30), f[4]) for f in parts):
            found = [total]
    if first_only:  # a running total: "raises to 41 the number ..., raising the day's toll to 53" is 41
        found = sorted(found, key=lambda f: f[4])[:1]
    if not found:
        return None, None, []
    return (sum(f[1] for f in found), next((f[2] for f in found if f[2]), None), [f[3] for f in found if f[3]])




_PLURAL_PEOPLE = re.compile(r"(?:s|children|men|women|people|police|personnel|staff|elderly)$", re.I)


def _kin_total(phrase: str) -> Count | None:
    """'a commander of a battalion and 12 of his family' = 13, 'a man and his son' = 2, 'a mother with her 4
    children' = 5; None when a part has no count ('children and their mother', 'a man and his sons')."""
    p = _patterns()
    split = re.search(r"\b(?:his|her|their)\b", phrase, re.I)
    link = re.search(rf"(?:\s+and|\s*,?\s+(?:along |together )?with)\s+(?:(?P<q>{p.quantity})\s+(?:of\s+)?)?$",
                     phrase[:split.start()], re.I)
    if link is None:
        return None
    head, kin = phrase[:link.start()], phrase[split.end():]
    lead = re.match(rf"(?P<q>{p.quantity})\s", head, re.I)
    if lead:
        first = parse_quantity(lead.group("q"))
    else:
        noun = re.search(rf"\b(?:{VICTIM_NOUNS})\b", head, re.I)
        first = Count(1, None) if noun and not _PLURAL_PEOPLE.search(noun.group(0)) else None
    kin_count = re.match(rf"\s+(?P<q>{p.quantity})\s", kin, re.I)
    if link.group("q"):
        second = parse_quantity(link.group("q"))
    elif kin_count:
        second = parse_quantity(kin_count.group("q"))
    else:
        second = Count(1, None) if _KIN_SINGULAR.search(kin.strip()) else None
    if first is None or second is None:
        return None
    return Count(first.value + second.value, first.qualifier or second.qualifier)


def _looks_like_date(text: str, end: int) -> bool:
    return bool(_patterns().month_after.match(text, end))


# "The strikes killed 29 fighters, the Observatory said, while Iraqi estimates put the toll at 16": two claimants
_RIVAL = re.compile(r",\s*(?:while|whereas)\s+|;\s*(?:while\s+|whereas\s+)?", re.I)
_RIVAL_SAYER = re.compile(r"(?:^|,\s*)\s*(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,5}?)\s+"
                          r"(?:(?:said|says|reported|told|put|puts|estimated|gave|gives)\b|(?:estimates|reports)\s+(?:that|the|\d))")


def find_casualty_claims(sentence: Sentence, article_id: str | None = None) -> list[CasualtyClaim]:
    """The casualty claims stated in one sentence: one, or one per claimant when the sentence sets two
    sources' figures side by side ("..., the Observatory said, while Iraqi estimates put the toll at 16")."""
    text = _without_dateline(sentence.text)
    rival = _RIVAL.search(text)
    if rival:
        first = _claim_in(sentence, text[:rival.start()], article_id)
        second = _claim_in(sentence, " " * rival.end() + text[rival.end():], article_id)
        if first and second and first.killed != second.killed:
            first.claimant = _part_claimant(sentence, text[:rival.start()]) or first.claimant
            second.claimant = _part_claimant(sentence, text[rival.end():])
            return [first, second]
    claim = _claim_in(sentence, text, article_id)
    return [claim] if claim else []


# Where a headline's clauses part: "Warplanes kill 3 in <A> and shells kill 2 in <B>", "...; 4 killed in <C>"
_CLAUSE_SPLIT = re.compile(rf"\s*(?:{edge(ELLIPSIS, ';')})\s*|\s*,?\s+(?:and|while|as)\s+|\s*,\s+")


def claims_by_clause(sentence: Sentence, article_id: str | None = None) -> list[CasualtyClaim]:
    """The sentence's death toll as the separate claims of its clauses, when its one claim is the sum of
    counts stated in different clauses ("Warplanes kill 3 in <A> and shelling kills 2 in <B>": 3 and 2,
    not 5); [] when the toll is one clause's (or the clauses' counts do not add up to it).  Each part
    keeps the whole sentence as its quote; the extract stage gives each to the event of its clause."""
    [whole] = find_casualty_claims(sentence, article_id) or [None]
    if whole is None or not whole.killed or whole.update:
        return []
    text = _without_dateline(sentence.text)
    cuts = [0, *(m.start() for m in _CLAUSE_SPLIT.finditer(text)), len(text)]
    parts = []
    for lo, hi in zip(cuts, cuts[1:]):
        claim = _claim_in(sentence, " " * lo + text[lo:hi] + " " * (len(text) - hi), article_id)
        if claim is not None and claim.killed:
            claim.claimant = whole.claimant
            parts.append(claim)
    if len(parts) < 2 or sum(c.killed for c in parts) != whole.killed:
        return []
    return parts


def _part_claimant(sentence: Sentence, part: str) -> str | None:
    according = _ACCORDING.search(part)
    if according:
        return find_claimant(Sentence(sentence.index, sentence.start, sentence.end, part))
    said = _RIVAL_SAYER.search(part)
    return re.sub(r"^the\s+", "", said.group("who"), flags=re.I) if said else None


# "84 killed yesterday, including 18 soldiers, and 42 civilians were killed in shelling ...": a day's summary
# over many events; none of its figures is one event's toll (the tallies module keeps them)
_DAILY_SUMMARY = re.compile(r"\b(?:killed|died|dead)\s+(?:yesterday|today|on\s+\w+day)\b\s*(?:[\d/]+\s*)?,?\s+including\b", re.I)


def _claim_in(sentence: Sentence, text: str, article_id: str | None) -> CasualtyClaim | None:
    """The claim stated in ``text`` (the sentence's text or a part of it), said by the sentence's claimant.

    The counts depend on ``text`` and the knowledge alone: they are remembered for the last few
    thousand texts read (the entity gate, the sentence's finders and ``claims_by_clause`` read the
    same sentence again); the claimant, who may be an entity, is read from the sentence each time."""
    p = _patterns()
    if _CLAIM_MEMO.get(None) is not p:
        _CLAIM_MEMO.clear()
        _CLAIM_MEMO[None] = p
    counts = _CLAIM_MEMO.get(text, _UNSEEN)
    if counts is _UNSEEN:
        if len(_CLAIM_MEMO) > 4096:
            _CLAIM_MEMO.clear()
            _CLAIM_MEMO[None] = p
        counts = _CLAIM_MEMO[text] = _claim_counts(text)
    if counts is None:
        return None
    return dataclasses.replace(counts, claimant=find_claimant(sentence), quote=Span(sentence.start, sentence.end, sentence.text),
                               article_id=article_id)


_CLAIM_MEMO: dict[str | None, CasualtyClaim | None | object] = {}  # text -> counts; None -> the patterns they were read with
_UNSEEN = object()


def _claim_counts(text: str) -> CasualtyClaim | None:
    """``_claim_in`` without the claimant and the quote (both left empty)."""
    p = _patterns()
    if _DAILY_SUMMARY.search(text):
        return None
    killed, kill_qual, kill_victims = _sum_matches([p.kill_kin, p.kill_list_active, p.kill_casualties, p.kill_active, p.kill_more, _KILL_BOTH, p.kill_left, p.kill_list, p.kill_including, p.kill_group, p.kill_deaths,
                                                    p.kill_passive, p.kill_noun, p.executed], text)
    if killed is not None and _OPENING_UPDATE.search(text) and _WOUNDED_DIED.search(text):
        killed = None  # "The death toll climbed to five as three of the wounded died": how it rose, within the new figure
    update = False
    if killed is None:  # "kill 11 people ..., raising the death toll to 62": the toll is a running total, never added
        killed, kill_qual, kill_victims = _sum_matches([p.toll, p.toll_number], text, first_only=True)
        update = killed is not None and bool(toll_update().search(text))
        if killed is not None and _campaign_total(text, killed):
            killed, kill_qual, kill_victims, update = None, None, [], False  # the tallies module keeps it
    # read only when no count was found, and only in a text with a word every match of it contains
    single = [m for m in _SINGLE_KILLED.finditer(text)
              if not _after_clause(text, m) and not _BACKGROUND.search(text, max(0, m.start() - 40), m.start())
              ] if killed is None and _SINGLE_KILLED_CUE.search(text) else []
    if killed is None and single:
        killed, kill_victims = len(single), [v for v in (_victims(m) for m in single) if v]
    if killed is not None and not _found(p.kill_kin, text) and not _found(p.kill_list_active, text):  # summed already
        extra, _q, _v = _sum_matches([p.kill_companions, p.kill_others], text)
        killed += (extra or 0) + bool(_AND_THE_DRIVER.search(text))
    injured, inj_qual, inj_victims = _sum_matches([p.injure_active, p.injure_passive, _INJURE_ANOTHER], text)
    captured, _cap_qual, cap_victims = _sum_matches([p.capture], text)
    if killed is None and _NONE_KILLED.search(text):
        killed = 0
    if injured is None and _NONE_INJURED.search(text):
        injured = 0
    if killed is None and injured is None and captured is None:
        return None
    victims = kill_victims or inj_victims or cap_victims
    return CasualtyClaim(
            claimant=None,
            killed=killed,
            injured=injured,
            qualifier=kill_qual if killed is not None else inj_qual,
            victims=", ".join(dict.fromkeys(victims)) or None,
            quote=Span(0, 0, ""),
            captured=captured,
            update=update,
        )


# "killing two members of the YBS and the civilian driver of the car", "killed two policemen and their driver": one more
_AND_THE_DRIVER = re.compile(r"\b(?:killed|killing|kills)\s+[^.;]{0,80}?\band\s+(?:the|their|his|her)\s+(?:civilian\s+)?"
                             r"(?:driver|chauffeur|interpreter|translator|bodyguard)\b(?!s)", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
# "UPDATE 1-Nine rebels killed": a wire service's version tag, never part of a count
_WIRE_TAG = re.compile(r"^\s*(?:UPDATE|REFILE|CORRECTED|RPT|WRAPUP|EXCLUSIVE)(?:\s*\d+)?\s*[-–:]\s*")


_KILLING_WORD = re.compile(r"\b(?:kill|dead|death|died|martyr|execut|behead|assassinat|slaughter|lives\s+of)", re.I)




def casualty_figure_at(text: str, claims: list[CasualtyClaim]) -> int | None:
    """Where the first claim's death (else injury) figure is written in ``text``, as digits or a word; None
    when it is not written as one number ("three soldiers and two contractors" = 5), where the first killing
    word stands ("executes a young man")."""
    for claim in claims:
        figure = claim.killed if claim.killed else claim.injured
        if not figure:
            continue
        word = lang.words().spelled(figure)
        spellings = [str(figure), f"{figure:,}"] + ([word] if word else [])
        found = [m.start() for w in spellings for m in re.finditer(rf"(?<![\w,]){re.escape(w)}(?![\w,])", text, re.I)]
        # "shell two towns ... and an explosion kills two persons": the figure next to a toll word, not a count of towns
        tolled = [at for at in found if _near_toll().search(text[max(0, at - 30):at + len(str(figure)) + 40])]
        if tolled or found:
            return min(tolled or found)
    # "... and ISIS executes a young man in Al-Bukamal": the killing word stands for the figure
    word = _KILLING_WORD.search(text) if any(c.killed for c in claims) else None
    return word.start() if word else None


def _without_dateline(text: str) -> str:
    """The sentence with its wire dateline blanked ("KIRKUK, April 14 - Two soldiers ...": "14 - Two" is no
    range), same length so positions still hold; a wire version tag ("UPDATE 1-") too."""
    tag = _WIRE_TAG.match(text)
    if tag:
        text = " " * tag.end() + text[tag.end():]
    end = dateline_end(text)
    return " " * end + text[end:] if end else text


_SPEAKERS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources", "member",
                       "head", "director", "commander", "officer", "representative"})


def _for_whom(subject, phrase: str) -> str:
    """'A spokesman for the Iraqi military said': the body he speaks for is part of who claims."""
    if subject.lower_ not in _SPEAKERS:
        return phrase
    body = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "from")
                 for g in c.children if g.dep_ == "pobj"), None)
    named = noun_phrase(body) if body is not None else None
    return f"{phrase} {body.head.lower_} {named}" if named else phrase


_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "which", "who"})


# "Strike kills 19 civilians in village: monitor", "... in clashes in Syria - Turkish military", "... -Anadolu"
_TAIL_SOURCE = re.compile(r"(?:\s*:\s*|\s+[-–—]\s*|\s*[-–—]\s+)(?P<who>[A-Za-z][\w.’'&-]*(?:\s+[\w.’'&-]+){0,4})\s*[.\"”]*\s*$")


def _tail_source(text: str) -> str | None:
    """The source a headline names after its news, when the name ends on a source noun."""
    m = _TAIL_SOURCE.search(text)
    if m is None or m.start() < 15:
        return None
    who = m.group("who").strip()
    last = who.split()[-1].lower().strip(".")
    if last in lang.words().words("source_nouns"):
        return who
    claimants = _claimant_names(settings.knowledge())
    return who if who.lower() in claimants or last in claimants else None


@functools.lru_cache(maxsize=4)
def _claimant_names(known: Knowledge) -> frozenset[str]:
    """The news agencies and monitors of knowledge/actor_names.yaml (claimants, never actors)."""
    return frozenset(str(c).lower() for c in known.load_lexicon("actor_names.yaml").get("claimants") or [])


_SAID = re.compile(r"(?:^|,\s*)(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,5}?)\s+(?:said|says|reported|told)\b")
_CLOSING_SAID = re.compile(r",\s*(?P<who>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,5}?)\s+(?:said|says|reported)"
                           r"(?:\s+(?:(?:late\s+|early\s+)?on\s+[A-Z]\w+|today|yesterday|later))?\s*[.\"”]*\s*$")
# "..., three of them Iranians, the Observatory said": a part of the victims the parse made the sayer
_PART_OF_VICTIMS = re.compile(r"^\S+\s+of\s+(?:them|whom|those)\b", re.I)


def same_claimant(a: str | None, b: str | None) -> bool:
    """Could two claimants of one article be one source: either unnamed, the same name, or one a short form of the
    other ("the Observatory" after "the Syrian Observatory for Human Rights")."""
    if a is None or b is None:
        return True
    x, y = (set(re.findall(r"[\w'’-]+", n.lower())) - {"the"} for n in (a, b))
    return bool(x and y) and (x <= y or y <= x)


def find_claimant(sentence: Sentence) -> str | None:
    """Who states the sentence's claim: 'according to X', the subject of a reporting verb, or the source a
    headline names at its end ('...: monitor', '... - Turkish military')."""
    found = _claimant_in(sentence)
    return found if found is not None else _tail_source(sentence.text)


_SAYER_PRONOUNS = frozenset({"it", "he", "she", "they"})


def claimants_by_reference(claims: list[CasualtyClaim], sentences: list[Sentence]) -> None:
    """"On Tuesday alone, strikes on X killed 17 people, it said": a claim whose sayer is a pronoun is the
    claim of the source named last before it in the article (in place; a claim with a claimant keeps it).
    "a war monitor said", "a group monitoring the war said": the one monitor the article names
    (lang/tolls.yaml monitors), when it names exactly one."""
    _monitor_by_reference(claims, sentences)
    unnamed = {id(c): c for c in claims if c.claimant is None}
    if not unnamed:
        return
    last: str | None = None
    for sentence in sentences:
        here = [c for c in unnamed.values() if c.quote.start == sentence.start]
        if here and last and _pronoun_sayer(sentence):
            for claim in here:
                claim.claimant = last
        last = find_claimant(sentence) or last


@lang.derived
def _monitor_words(words: lang.Words) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a monitor named, a monitor referred to without its name)."""
    named = re.compile(rf"\b(?:{lang.alternation(words.words('monitors'))})\b", re.I)
    referred = re.compile(rf"^(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{lang.alternation(words.words('monitor_references'))})"
                          r"(?:\s+(?:the|syria['’]s)\s+(?:war|conflict))?$", re.I)
    return named, referred


def _monitor_by_reference(claims: list[CasualtyClaim], sentences: list[Sentence]) -> None:
    named, referred = _monitor_words()
    vague = [c for c in claims if c.claimant and (referred.match(c.claimant.strip()) or re.search(
        rf"\b{re.escape(c.claimant.strip())}\s+monitoring\s+(?:the\s+)?(?:war|conflict|violence)\b", c.quote.text, re.I))]
    # "a monitoring group and residents", "activists and a monitoring group": the monitor is one of the sayers
    joint = [c for c in claims if c.claimant and c not in vague and any(
        referred.match(part) for part in _SAYERS_AND.split(c.claimant.strip()))]
    if not vague and not joint:
        return
    found = {m.group(0).lower(): m.group(0) for s in sentences for m in named.finditer(s.text)}
    if len(found) == 1:
        [name] = found.values()
        for claim in vague:
            claim.claimant = name
        for claim in joint:
            claim.claimant = " and ".join(name if referred.match(part) else part
                                          for part in _SAYERS_AND.split(claim.claimant.strip()))


_SAYERS_AND = re.compile(r"\s+and\s+", re.I)


def _pronoun_sayer(sentence: Sentence) -> bool:
    return sentence.doc is not None and any(
        t.lemma_.lower() in _REPORT_LEMMAS and t.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "nsubj" and c.lower_ in _SAYER_PRONOUNS for c in t.children) for t in sentence.doc)


def _claimant_in(sentence: Sentence) -> str | None:
    according = _ACCORDING.search(sentence.text)
    if according:
        who = re.split(r"\s+(?:who|which|that|in a|on|said)\b", according.group("who"))[0].strip()
        who = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.I)
        return who or None
    doc = sentence.doc
    if doc is None:
        said = _SAID.search(sentence.text)
        return said.group("who") if said else None
    for token in doc:
        if token.lemma_.lower() not in _REPORT_LEMMAS or token.pos_ not in ("VERB", "AUX"):
            continue
        # past a dateline or a digest item's head the parser took for the subject ("5 October - Homs: ...")
        subject = past_dateline(next((c for c in token.children if c.dep_ == "nsubj"), None))
        if subject is None and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "conj"):
            # "The SDF denied the figure, saying that the attack killed three": who says is who denied
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in _PRONOUNS or subject.pos_ == "NUM":
            continue  # "..., one of them critically, ..., the US Department of Defense said": not 'one'
        if token.lemma_.lower() == "claim" and (any(c.lemma_.lower() == "life" for c in token.subtree) or any(
                c.dep_ == "dobj" and c.lemma_.lower() not in ("responsibility", "credit") for c in token.children)):
            # "the attack claimed the lives of ...", "X claimed a drone attack that killed six": no claimant
            continue  # "the attack claimed the lives of ..." is a toll, not a claimant
        phrase = noun_phrase(subject)
        if phrase and _PART_OF_VICTIMS.match(phrase):
            continue
        if phrase and re.match(rf"(?:{_patterns().quantity})\b", phrase, re.I) and re.fullmatch(rf"(?:{VICTIM_NOUNS})", subject.lower_):
            # "killing at least 18 fighters, local activists said": the small model often makes the
            # sayer a conjunct of the victims; the conjunct that is no victim noun is the claimant.
            sayer = next((c for c in subject.children if c.dep_ == "conj"
                          and not re.fullmatch(rf"(?:{VICTIM_NOUNS})", c.lower_)), None)
            if sayer is not None and noun_phrase(sayer):
                return noun_phrase(sayer)
            continue  # "at least 18 fighters were killed, ..." parsed as the sayer; "two officials said" is one
        if phrase and not re.search(r"\b(strike|attack|bomb|blast|explosion|raid|shelling)s?\b", phrase, re.I):
            # "activists and a monitoring group said": every sayer (the monitor is then the article's one monitor)
            joint = [noun_phrase(c) for c in subject.children if c.dep_ == "conj"]
            joint = [j for j in joint if j and _SOURCE_WORD.search(j)]
            return _for_whom(subject, " and ".join([phrase, *joint]))
    # "..., killing two people, the Syrian Observatory for Human Rights said.": the parse hung the sayer on the
    # victims (an apposition) and left the closing "said" without a subject
    closing = _CLOSING_SAID.search(sentence.text)
    if closing:
        return re.sub(r"^the\s+", "", closing.group("who"), flags=re.I)
    return _closing_source(sentence.text)


# "..., a monitoring group and residents said.", "..., a Britain-based monitor said.", "..., a source in the city's
# police told Sputnik.": a closing sayer in lower case, when one of its words is a source noun (lang/people.yaml)
_CLOSING_SOURCE = re.compile(r",\s*(?P<who>(?:a|an|the|two|three|several)\s+[\w'’ -]{1,60}?)\s+(?:said|says|reported|told\s+[A-Z][\w'’.-]*"
                             r"(?:\s+[A-Z][\w'’.-]*){0,2})(?:\s+(?:(?:late\s+|early\s+)?on\s+[A-Z]\w+|today|yesterday|later))?\s*[.\"”]*\s*$")


_SOURCE_WORD = re.compile(r"\b(?:monitor\w*|observatory|group|activists?|residents|sources?|officials?|medics|witnesses)\b", re.I)


def _closing_source(text: str) -> str | None:
    m = _CLOSING_SOURCE.search(text)
    if m is None:
        return None
    who = re.sub(r"^(?:the|a|an)\s+", "", m.group("who"), flags=re.I)
    nouns = set(lang.words().words("source_nouns")) | {"group", "monitor"}
    return who if any(w.lower().strip("'’") in nouns for w in re.findall(r"[\w'’-]+", who)) else None
