"""Detection and sub-typing on real report wording (issue 14, items 2-4 and 9): the classes of misses
found on the UCDP Syria headlines and in coders' notes and news snippets.  Every text here was written
for these tests in the style of a failure class; none is copied from the development sets."""

from __future__ import annotations

from datetime import date

import pytest
from test_extract_events import run

PUBLISHED = date(2024, 3, 5)
VIOLENT = {"Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
           "Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}


def types_of(text: str) -> list[str]:
    return sorted({m.sub_event_type for m in run(text, PUBLISHED).mentions})


EVENTS = [
    # the lemmatizer reads "raped" as "rap" and "staged" as "stag": verbs of the lexicon keep their base
    ("Gunmen raped a woman in a village near the town of Uvira", ["Sexual violence"]),
    ("Nurses staged a sit-in outside the health directorate in Hodeidah", ["Peaceful protest"]),
    # a headline's bare past of an intransitive verb: the subject acts, it is not the patient
    ("Unemployed graduates protested in front of the governorate building in Amarah", ["Peaceful protest"]),
    # inflected multi-word triggers pass the candidate filter
    ("Soldiers exchanged fire with smugglers near the border town of Qaim", ["Armed clash"]),
    ("Soldiers have been engaged in a fire exchange with insurgents since morning in the district of Dangam.",
     ["Armed clash"]),
    # shooting at a thing someone owns is shooting at its owner; a commander is a fighter, a driver a person
    ("Unknown gunmen opened fire on the car of a militia commander in the village of Sahwa in the Daraa countryside",
     ["Armed clash"]),
    ("Gunmen shot dead a driver on the road near the town of Baiji", ["Attack"]),
    ("Three members of the SDF were shot dead by gunmen in the village of Dhiban", ["Armed clash"]),
    # weapons as things seized
    ("Border guards seized a consignment of pistols and ammunition in the district of Zakho", ["Disrupted weapons use"]),
    # armed men storming a post fight; forces advancing on a place fight
    ("Rebels stormed an army post in the village of Kinda", ["Armed clash"]),
    ("Government troops advance in the town of Kafr Nbuda", ["Armed clash"]),
    ("Violent confrontations between the army and the militants in the desert of Sukhnah", ["Armed clash"]),
    ("Turkey says 12 militants killed in northern Iraq", ["Armed clash"]),
    # shells falling, present-tense headline verbs the small parser misreads
    ("The fall of mortar shells on the neighbourhood of Jaramana", ["Shelling/artillery/missile attack"]),
    ("Turkish airstrikes kill three civilians in Tal Rifaat", ["Air/drone strike"]),
    ("Mortar rounds land on a school in Harasta, wounding four", ["Shelling/artillery/missile attack"]),
    ("War remnants kill two children in a village of the Hama countryside", ["Remote explosive/landmine/IED"]),
    ("Heavy aerial bombing on the town of Kansafra", ["Air/drone strike"]),
    # a noun object of a phase verb goes on
    ("The regime forces continue their shelling on the town of Kafr Nabudah", ["Shelling/artillery/missile attack"]),
    ("Execution of a young man by the group in the countryside of Deir Ezzor", ["Attack"]),
    # a headline's "the" refers to nothing earlier, and a nominal headline needs no place of its own
    ("Casualties in the shelling on Kafr Zeita", ["Shelling/artillery/missile attack"]),
    ("Continued bombardment targets the western countryside", ["Shelling/artillery/missile attack"]),
    # taking control of territory
    ("Turkish-backed factions control the village of Kaljibrin after violent attack", ["Non-state actor overtakes territory"]),
    ("Government troops take full control on the Tal Kurdi neighbourhood", ["Government regains territory"]),
    # a Title Case headline's nouns are tagged names; a locative phrase right after a nominal trigger is its place
    ("Heavy Clashes Continue On The Fronts Of Jobar", ["Armed clash"]),
    ("Funeral in the town of Saraqib and clashes in the western countryside of Hama", ["Armed clash"]),
    # munitions dropped; a mine hit; looters; a crowd blocking a road
    ("Regime helicopters drop 20 barrel bombs on the town of Kafr Zita", ["Air/drone strike"]),
    ("Two soldiers were killed when their truck hit a landmine in the district of Kunduz.",
     ["Remote explosive/landmine/IED"]),
    ("Looters ransacked several shops during the night in the town of Kasindi.", ["Looting/property destruction"]),
    ("Residents blocked the highway with burning tyres to protest power cuts in Port Harcourt.", ["Peaceful protest"]),
    # coders' notes: a device going off, a crowd gathering to protest, a trader taken, a raid to arrest
    ("A sticky bomb exploded under the car of a police officer in Basrah city, wounding him.",
     ["Remote explosive/landmine/IED"]),
    ("Hundreds of people gathered in the main square of Kut to protest against corruption.", ["Peaceful protest"]),
    ("Unidentified armed men kidnapped a trader in the city of Tafas.", ["Abduction/forced disappearance"]),
    ("Members of the Asayish raided a house in Amuda and detained three young men.", ["Arrests"]),
    # the platform in the verb's subject types a nominal trigger it resumes
    ("The Russian warplanes resume their bombardment on the southern countryside of Idlib", ["Air/drone strike"]),
    # strategic developments of sub-type Other
    ("Troops seize power in the capital Niamey", ["Other"]),
    ("Dozens of inmates escape from the central prison in Bukavu", ["Other"]),
    ("Authorities impose a curfew in the city of Basra after unrest", ["Other"]),
    # issue 14, second pass: protests as wire stories word them (a hunger strike, rioting, a crowd counted
    # or named by origin, "rallies" reaching the parser)
    ("About 200 detainees began a hunger strike in the central prison of Nasiriyah on Monday.", ["Peaceful protest"]),
    ("Inmates rioted at the prison in Hilla on Sunday, burning mattresses.", ["Violent demonstration"]),
    ("Up to 300 Yazidis demonstrated outside the governorate building in Dohuk on Tuesday.", ["Peaceful protest"]),
    ("Supporters of the movement staged rallies in the city of Kut on Friday.", ["Peaceful protest"]),
    # clash nouns; a bomb attack; a suicide car bombing; troops killing rebels "in fighting" parsed onto the rebels
    ("Police killed two smugglers in a gunbattle near the border crossing of Trebil.", ["Armed clash"]),
    ("Guerrillas wounded three policemen in a bomb attack near the town of Amedi.", ["Remote explosive/landmine/IED"]),
    ("Four civilians were killed in a suicide car bombing in the town of Tuz Khurmatu.", ["Suicide bomb"]),
    ("Government troops killed 12 rebels in fighting near Morek.", ["Armed clash"]),
    # the platform or agent named types verbs of heavy fire; a chemical agent used is a chemical attack
    ("Warplanes pounded the town of Khan Shaykhun, killing four civilians.", ["Air/drone strike"]),
    ("Government forces used chlorine gas against the town of Kafr Zita.", ["Chemical weapon"]),
    ("Barrel bombs dropped by regime helicopters killed ten people in the town of Daraya.", ["Air/drone strike"]),
    ("An explosion rocked the market of the town of Azaz on Tuesday, killing four people.",
     ["Remote explosive/landmine/IED"]),
    # one side armed, civilians the victims: an attack, even with guns named; a named role as the victim
    ("Gunmen attacked a minibus carrying pilgrims near Balad, killing six passengers.", ["Attack"]),
    ("Guerrillas killed the deputy head of the local council in the village of Yaroun.", ["Attack"]),
    ("Unidentified gunmen shot dead a cleric in the Mansoura district of Aden.", ["Attack"]),
    # coders' notes: "On <date>, X did A and B" dates both verbs; "a number of" people detained
    ("On 9 August 2023, security forces launched a search operation and detained a man in Tarmiyah district.",
     ["Arrests"]),
    ("Houthi forces raided a village in the Hazm district and detained a number of tribesmen.", ["Arrests"]),
    # explosions heard are the bombardment's, not a second event; a kidnapping named as the time is no toll-taker
    ("Violent explosions rock the outskirts of Damascus due to an Israeli bombardment on positions of the militias",
     ["Shelling/artillery/missile attack"]),
    ("Ten days after kidnapping him, unidentified gunmen kill the mukhtar of the town of Dael",
     ["Attack"]),
    # weapons found, defused or foiled; a platform destroying things strikes them
    ("Troops recovered an arms cache hidden in a cave near the village of Tal Afar.", ["Disrupted weapons use"]),
    ("Police defused a bomb found near a church in the town of Qaraqosh.", ["Disrupted weapons use"]),
    ("Security forces foiled a suicide attack on a mosque in the city of Kirkuk.", ["Disrupted weapons use"]),
    ("Coalition aircraft destroyed five tanks near the town of Palmyra.", ["Air/drone strike"]),
    ("Regime helicopters dropped chlorine bombs on the neighbourhood of Jobar.", ["Chemical weapon"]),
    # protests held, strikes, boycotts; gunfire exchanged; victims hacked to death
    ("Opposition supporters held a rally in the city of Kut on Saturday.", ["Peaceful protest"]),
    ("Dock workers went on strike at the port of Umm Qasr over unpaid wages.", ["Peaceful protest"]),
    ("Students boycotted classes to protest the arrest of their teacher in Sulaymaniyah.", ["Peaceful protest"]),
    ("Police exchanged gunfire with smugglers near the town of Rutba.", ["Armed clash"]),
    ("Unidentified assailants hacked to death a farmer in the village of Hawija.", ["Attack"]),
    # a purpose or an attempt that is no event never swallows what did happen
    ("Police opened fire to disperse protesters in the city of Nasiriyah on Friday.",
     ["Excessive force against protesters"]),
    ("Gunmen killed two guards in a failed attempt to assassinate the governor of Basra.", ["Armed clash"]),
    # two verbs joined before their one object share it; a body found shot is a killing
    ("The coalition intercepted and destroyed an explosive-laden boat off the port of Hodeidah.",
     ["Disrupted weapons use"]),
    ("Houthi snipers shot and injured a child in the Hays district.", ["Attack"]),
    ("The body of a man was found with gunshot wounds near the town of Mayadin.", ["Attack"]),
    # a bomb is a planted device, never the verb; members killed without "of" are the group's fighters
    ("Regime forces bomb the town of Jobar and the countryside of Daraa", ["Air/drone strike"]),
    ("The Coalition kills 20 members in an attack near the Tanak oil field", ["Armed clash"]),
    ("Turkey-loyal factions target medical staff near the village of Tal Tamr and kill a crew member", ["Attack"]),
]

NOT_EVENTS = [
    "The army intends to advance towards the village of Tal Sultan.",
    "Thousands of pilgrims advanced into the old city on Friday.",
    "Inmates tried to escape from the prison in Hilla last week, officials said they failed.",
    "Villages controlled by the factions in the northern countryside lack electricity.",
    "Police blocked the road to the airport on Monday.",
    "Mourners gathered at the cemetery in Najaf on Friday.",
    "The car exploded after a crash on the highway near Basra.",
    "Fighters of the besieged factions drop a warplane of the regime near the airport",
    # a deed a court tries is told in passing; a decade dates nothing
    "A court in Baghdad sentenced three men to death for their role in the bombing of a market in 2016.",
    "The prisoners threatened to go on hunger strike if their demands are not met.",
    # weapons talked about, not found; "held X responsible"; a platform's use in general
    "The report found no evidence of chemical weapons use in the town.",
    "Police held the militia responsible for the bombing of the market.",
    "Rescuers recovered the bodies of twelve people from the rubble in Mosul.",
    "The army uses drones to monitor the border near Sinjar.",
    "The bodies of two shepherds were found in the desert near Rutba on Monday.",
    "Russian jets have pounded the south of Idlib for a week.",  # a campaign over a period, not one event
    "Troops found the bodies of their comrades, and it is not true that they were executed, officials said.",
]


@pytest.mark.parametrize("text,expected", EVENTS, ids=[t[:40] for t, _ in EVENTS])
def test_real_wording_is_detected_and_typed(text, expected):
    assert types_of(text) == expected


@pytest.mark.parametrize("text", NOT_EVENTS, ids=lambda t: t[:40])
def test_plans_and_states_are_no_events(text):
    assert types_of(text) == []


def test_a_suspended_bombing_is_no_strike():
    """'forced the warplanes to suspend their bombing': the bombing stopped; no explosion, no strike."""
    assert not set(types_of("Bad weather forced the warplanes to suspend their bombing of the area")) & VIOLENT


def test_a_decade_never_dates_an_event():
    """'property seized in the 1970s': the hunger strike is today's, not of the 1970s."""
    [mention] = [m for m in run("Landowners began a hunger strike outside parliament in Algiers to demand the return "
                                "of land seized by the state in the 1970s.", PUBLISHED).mentions]
    assert mention.sub_event_type == "Peaceful protest" and mention.date.start == PUBLISHED
