"""Event triggers and their arguments, read from one parsed sentence (a package, one module per concern).

Approach (lexicon + dependency rules, no training data):

1. Triggers come from ``knowledge/triggers.yaml``: verbs ("struck", "shelled"), nominals
   ("airstrikes", "drone attack", "roadside bomb"), verb+particle ("shot down").  Each maps to
   an ACLED sub-event type; generic ones ("struck", "attack") are *refined* by the weapon found
   among their arguments (``weapons.yaml``): rockets/missiles/mortars -> shelling, aircraft/drones
   -> air strike, IEDs -> remote explosive.
2. Some triggers need corroboration before they count (``requires``): "intercepted" needs a
   weapon ("intercepted two drones"), "agreed" needs a ceasefire-like object, "arrested" a
   person, "strike" a military argument (so "strike a deal" and labour strikes are not events).
3. Roles from the parse: subject -> actor1, object / "on X" / "against X" -> target and actor2,
   passive "by X" -> actor1, a platform subject ("Turkish warplanes") -> actor text "Turkish
   warplanes" (the minimal noun phrase; the actors stage resolves it) plus a weapon; nominal triggers take actors from modifiers ("US drone strike") and "by X", and from
   the verb they hang on ("X conducted strikes", "the strike on Y killed ...").  Relative
   pronouns are replaced by the noun they refer to; a conjoined verb without a subject
   inherits its neighbour's.  actor2 (ACLED's side attacked) also comes from those killed when
   they name a side ("killing two members of X", "two Iraqi soldiers were killed when ...",
   shepherds -> Civilians) and from a named facility's stated owner ("Tower 22, a US military
   outpost", "a base which hosts US forces"); never from the wounded, unnamed "men"/"people",
   or actor1's own side.  An empty actor2 beats a guessed one.
4. Places: every locative preposition ("in", "near", "at", "outside", "south of",
   "the outskirts of") inside the event's clause whose object is a proper name or a named
   facility, plus conjoined names ("Deir Ezzor, Al-Bukamal and Al-Mayadeen" -> three).
5. Triggers that hang on one another ("launched a drone attack") are one event; different
   sub-types joined by "and" stay separate.
6. A wire dateline ("AMMAN - ", "ERBIL, Jan 25 (Levant Wire) - ", ``dateline_end``) is where the
   reporter is: its words give no place, actor or date, though the quote still starts with it.
   Locators ("Hawija, west of Kirkuk", "Sinun in the Sinjar district") are not second places.
7. Hedging (``hedging.py``), tallies ("more than 40 attacks since March") and background
   aspect ("had struck") are flagged here; ``pipeline/extract.py`` decides what to keep.

All offsets are article offsets: spaCy's sentence-relative offsets plus ``Sentence.start``.

Where each part lives (the shared parse helpers are ``extraction/syntax.py``):

- ``lexicon``: trigger rules, weapon terms and word lists loaded from the YAML, with their indexes;
- ``triggers``: matching triggers and weapon terms in a sentence (1);
- ``arguments``: a trigger's subjects, objects, modifiers and instruments from the parse;
- ``requirements``: the corroboration a rule needs before it counts (2);
- ``roles``: actor1, actor2, targets, weapons and places of a draft (3, 4, 6), with
  ``actors`` (agents, patients, owners, the side of those killed) and ``places``;
- ``subtypes``: the type refined by the weapon (1) or set by who acted on whom;
- ``filters``: what is no event or told in passing: modifiers, attribution, background,
  references, tallies, effects of another trigger (7);
- ``draft``: ``EventDraft`` and merging triggers that hang on one another (5);
- ``sentence``: ``find_event_drafts``, the main entry, calling the above in turn;
- ``headline``: the headline-verb repair (present-tense headline verbs re-parsed in the past).
"""

from conflictwire.extraction.events.actors import GENERIC_AGENTS, sentence_topic
from conflictwire.extraction.events.draft import EventDraft
from conflictwire.extraction.events.filters import reference_spans
from conflictwire.extraction.events.headline import HeadlineRepair
from conflictwire.extraction.events.lexicon import EventLexicon, TriggerRule, WeaponTerm, candidate_stems, lexicon
from conflictwire.extraction.events.places import find_places, is_country_name
from conflictwire.extraction.events.sentence import find_event_drafts

__all__ = [
    "GENERIC_AGENTS", "EventDraft", "EventLexicon", "HeadlineRepair", "TriggerRule", "WeaponTerm", "candidate_stems",
    "find_event_drafts", "find_places", "is_country_name", "lexicon", "reference_spans", "sentence_topic",
]
