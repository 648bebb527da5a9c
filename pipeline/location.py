"""Locations: city, region and ISO-3166 alpha-2 country where they can be known, and workplace."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.geo import (
    CA_PROVINCE_NAMES,
    CA_PROVINCES,
    CITIES,
    COUNTRIES,
    US_STATE_NAMES,
    US_STATES,
)

WORKPLACES = ("remote", "hybrid", "onsite")

_REMOTE = re.compile(
    r"\bremote\b|telecommut|work\s+from\s+home|\bwfh\b|\banywhere\b|fully\s+distributed|"
    r"t[ée]l[ée]travail|\bremoto\b|\bhomeoffice\b|home[\s-]based|\bremota\b",
    re.I,
)
_HYBRID = re.compile(r"\bhybrid\b|\bhybride\b|h[íi]brido", re.I)
_ONSITE = re.compile(
    r"\bon[\s-]?site\b|\bin[\s-]office\b|office[\s-]based|\bpresencial\b|\bsur\s+site\b|\bvor\s+ort\b",
    re.I,
)
_NOISE = re.compile(
    r"\b(remote|hybrid|on[\s-]?site|onsite|in[\s-]office|office|only|friendly|first|ok|okay|"
    r"or|and|based|flexible|work\s+from\s+home|wfh|anywhere|in)\b",
    re.I,
)
_COUNTRY_CODES = set(COUNTRIES.values())
_WIDE_AREAS = {"europe", "emea", "apac", "latam", "americas", "north america", "south america",
               "asia", "africa", "worldwide", "global", "eu", "european union", "oceania",
               "middle east", "nordics", "dach", "benelux", "international"}


@dataclass(frozen=True)
class Place:
    """A parsed location string."""

    text: str
    city: str | None
    region: str | None
    country: str | None


def workplace_from_text(*texts: str | None) -> str | None:
    """remote / hybrid / onsite when a location or title says so; otherwise None."""
    joined = " ".join(t for t in texts if t)
    if not joined:
        return None
    if _HYBRID.search(joined):
        return "hybrid"
    if _REMOTE.search(joined):
        return "remote"
    if _ONSITE.search(joined):
        return "onsite"
    return None


def normalise_workplace(value: str | None) -> str | None:
    """An API's workplace value ("Remote", "OnSite", "hybrid", "TELECOMMUTE") in our vocabulary."""
    if not value:
        return None
    lowered = str(value).strip().lower().replace("_", "").replace("-", "").replace(" ", "")
    if lowered in {"remote", "telecommute", "fullyremote"}:
        return "remote"
    if lowered in {"hybrid"}:
        return "hybrid"
    if lowered in {"onsite", "inoffice", "office", "inperson"}:
        return "onsite"
    return workplace_from_text(str(value))


def parse_location(text: str | None, country_hint: str | None = None) -> Place:
    """Split "City, Region, Country" forms; "CA" is California after a US city, Canada after a
    Canadian one; a bare ambiguous code stays unknown."""
    raw = (text or "").strip()
    hint = country_hint.upper() if country_hint and len(country_hint) == 2 else None
    parts = re.split(r"[,;|/]|\s[-–—]\s", re.sub(r"[()\[\]]", ",", raw))
    # noise words go, except where one is a state code ("Portland, OR", "Tulsa, OK", "Gary, IN")
    parts = [part if _state(part.strip()) else _NOISE.sub(" ", part) for part in parts]
    tokens = [re.sub(r"\s+", " ", part).strip(" .-–—:/") for part in parts]  # no line break in a name
    tokens = [t for t in tokens if t]
    city = region = country = None
    if tokens:
        city, region, country = _resolve(tokens)
    return Place(text=raw, city=city, region=region, country=hint or country)


def _resolve(tokens: list[str]) -> tuple[str | None, str | None, str | None]:
    lowered = [t.lower() for t in tokens]
    if lowered[0] in _WIDE_AREAS:
        return None, tokens[0], None
    state = _state(tokens[0])
    if (state and lowered[0] not in CITIES and len(tokens) > 1
            and all(COUNTRIES.get(low) == state[1] for low in lowered[1:])):
        return None, state[0], state[1]  # "KS, US", "Ontario, Canada": a region, no city
    city = tokens[0]
    city_country = CITIES.get(lowered[0])
    region: str | None = None
    country: str | None = None
    for index in range(len(tokens) - 1, 0, -1):
        token, low = tokens[index], lowered[index]
        if low in COUNTRIES:
            country = COUNTRIES[low]
            continue
        code = token.upper()
        if len(token) == 2 and city_country == code:
            # "Berlin, DE", "Toronto, CA": the code names the city's own country
            country = country or code
        elif code in US_STATES and len(token) == 2:
            # "Cambridge, MA", "Paris, TX": a state code after a city is a US state
            region, country = code, country or "US"
        elif code in CA_PROVINCES and len(token) == 2:
            region, country = code, country or "CA"
        elif low in US_STATE_NAMES:
            region, country = US_STATE_NAMES[low], country or "US"
        elif low in CA_PROVINCE_NAMES:
            region, country = CA_PROVINCE_NAMES[low], country or "CA"
        elif len(token) == 2 and code in _COUNTRY_CODES:
            country = country or code
        elif region is None:
            region = token
    if len(tokens) == 1:
        only = lowered[0]
        if only in COUNTRIES:
            return None, None, COUNTRIES[only]
        if only in US_STATE_NAMES:
            return None, US_STATE_NAMES[only], "US"
        if len(tokens[0]) == 2 and tokens[0].upper() in _COUNTRY_CODES and tokens[0].isupper():
            code = tokens[0].upper()
            # a bare two-letter code that is also a US state ("CA", "IN", "DE") is ambiguous
            return None, None, None if code in US_STATES else code
    return city, region, country or city_country


def _state(token: str) -> tuple[str, str] | None:
    """(region code, country) of a US state or Canadian province named or coded ("KS", "Ontario")."""
    low = token.lower()
    if token.isupper() and token in US_STATES:
        return token, "US"
    if token.isupper() and token in CA_PROVINCES:
        return token, "CA"
    if low in US_STATE_NAMES:
        return US_STATE_NAMES[low], "US"
    if low in CA_PROVINCE_NAMES:
        return CA_PROVINCE_NAMES[low], "CA"
    return None
