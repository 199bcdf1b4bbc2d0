"""Wire datelines: the opening of a story that says where the reporter filed from and when.

"DAMASCUS, Feb 5 (Reuters) -", "BEIRUT (AP) —", "ALEPPO, Syria, March 3, 2016 (AFP) -",
"BEIRUT, March 21, 2017 (AFP) -", "Beirut (AFP) -".  One pattern for every stage that reads them:
the date stage takes the publication date from it, geocoding knows the place named there is
where the wire sits (Beirut for much of the Syria coverage), not where the event happened.
"""

from __future__ import annotations

import re

from conflictwire import timex

_MONTH_ALT = "|".join(sorted(timex.MONTHS, key=len, reverse=True))

# The place: in capitals ("DEIR EZZOR"), or in title case when an outlet in brackets follows
# ("Beirut (AFP) -"): a title-case name alone before a dash is as often a heading as a dateline.
WIRE_DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][A-Z .'’-]{1,40}|[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+){0,2}(?=[^\n(]{0,40}\())"
    r"(?:,\s*[A-Z][A-Za-z .'’-]{1,30})?)"
    rf"(?:,?\s+(?P<month>(?i:{_MONTH_ALT}))\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?)?"
    r"\s*(?:\((?P<outlet>[^)]{2,40})\))?\s*[-—–:]\s"
)


def wire_dateline(line: str) -> re.Match[str] | None:
    """The wire dateline opening ``line`` (its first line only), or None."""
    return WIRE_DATELINE.match(line.split("\n", 1)[0] + "\n")
