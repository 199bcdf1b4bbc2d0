"""Controlled vocabularies: ACLED's event taxonomy and the PLOVER crosswalk.

Spellings follow ACLED's codebook exactly; analysts join on these strings.
"""

from __future__ import annotations

# ACLED: 6 event types, 25 sub-event types.
ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TO_TYPE: dict[str, str] = {
    sub: etype for etype, subs in ACLED_TAXONOMY.items() for sub in subs
}

# Family used for merge compatibility: reports of one strike may call it an
# air strike in one outlet and "shelling" in another; both are remote violence.
TYPE_FAMILY: dict[str, str] = {
    "Battles": "violent",
    "Explosions/Remote violence": "violent",
    "Violence against civilians": "violent",
    "Protests": "demonstration",
    "Riots": "demonstration",
    "Strategic developments": "strategic",
}

# Sub-types outside the violent family whose events still carry the death toll their own sentence states, as
# ACLED records fatalities for them: protesters killed by force, deaths in a riot or a mob's violence.
TOLL_BEARING_SUB_EVENTS = frozenset({"Excessive force against protesters", "Violent demonstration", "Mob violence"})

# PLOVER (POLECAT's 16 event types).
PLOVER_EVENTS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Older PLOVER drafts (the GSR file) used other names; map them to the 16.
PLOVER_LEGACY: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}

# ACLED sub-event type -> (PLOVER event, PLOVER mode).
ACLED_TO_PLOVER: dict[str, tuple[str, str | None]] = {
    "Armed clash": ("ASSAULT", "firearms"),
    "Government regains territory": ("ASSAULT", "occupy"),
    "Non-state actor overtakes territory": ("ASSAULT", "occupy"),
    "Chemical weapon": ("ASSAULT", "cbrn"),
    "Air/drone strike": ("ASSAULT", "aerial"),
    "Suicide bomb": ("ASSAULT", "suicide"),
    "Shelling/artillery/missile attack": ("ASSAULT", "explosives"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"),
    "Grenade": ("ASSAULT", "explosives"),
    "Sexual violence": ("ASSAULT", "sexual"),
    "Attack": ("ASSAULT", "firearms"),
    "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Peaceful protest": ("PROTEST", "demo"),
    "Protest with intervention": ("PROTEST", "demo"),
    "Excessive force against protesters": ("COERCE", "force"),
    "Violent demonstration": ("PROTEST", "riot"),
    "Mob violence": ("PROTEST", "riot"),
    "Agreement": ("AGREE", None),
    "Arrests": ("COERCE", "arrest"),
    "Change to group/activity": ("RETREAT", "cease"),
    "Disrupted weapons use": ("COERCE", "intercept"),
    "Headquarters or base established": ("MOBILIZE", "troops"),
    "Looting/property destruction": ("COERCE", "destroy"),
    "Non-violent transfer of territory": ("RETREAT", "withdraw"),
    "Other": ("CONSULT", None),
}

# ACLED interaction codes for actor types.
INTER_CODES: dict[str, int] = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_other": 8,
}

TIME_PRECISION = {1: "day", 2: "week or stated range", 3: "month or coarser"}
GEO_PRECISION = {1: "the named place", 2: "near it / part of a district", 3: "province, region or country"}

STATEMENT_TYPES: tuple[str, ...] = ("ACCUSE", "THREATEN", "REQUEST", "REJECT", "AGREE", "CONSULT", "SUPPORT", "AID", "COOPERATE", "CONCEDE", "SANCTION")


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type for a sub-type; KeyError for a misspelt sub-type."""
    return SUB_EVENT_TO_TYPE[sub_event_type]


def plover_for(sub_event_type: str) -> tuple[str, str | None]:
    return ACLED_TO_PLOVER[sub_event_type]


def normalise_plover(name: str) -> str:
    upper = name.strip().upper()
    return PLOVER_LEGACY.get(upper, upper)
