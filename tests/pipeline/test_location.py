"""pipeline/location.py and pipeline/geo.py: city, region, country and workplace."""

from __future__ import annotations

import pytest

from pipeline.location import normalise_workplace, parse_location, workplace_from_text


@pytest.mark.parametrize(
    ("text", "city", "region", "country"),
    [
        ("San Francisco, CA", "San Francisco", "CA", "US"),
        ("Austin, TX", "Austin", "TX", "US"),
        ("Springfield, IL", "Springfield", "IL", "US"),
        ("New York, NY (HQ)", "New York", "NY", "US"),
        ("Toronto, ON", "Toronto", "ON", "CA"),
        ("Vancouver, BC, Canada", "Vancouver", "BC", "CA"),
        ("London, Ontario", "London", "ON", "CA"),
        ("London, UK", "London", None, "GB"),
        ("Lisbon, Portugal", "Lisbon", None, "PT"),
        ("Bengaluru, Karnataka, India", "Bengaluru", "Karnataka", "IN"),
        ("São Paulo, Brazil", "São Paulo", None, "BR"),
        ("Berlin", "Berlin", None, "DE"),
        ("Paris", "Paris", None, "FR"),
        ("Germany", None, None, "DE"),
        ("California", None, "CA", "US"),
        ("Remote - US", None, None, "US"),
        ("Remote - Canada", None, None, "CA"),
        ("Europe", None, "Europe", None),
        ("Remote", None, None, None),
        ("", None, None, None),
    ],
)
def test_locations(text: str, city: str | None, region: str | None, country: str | None) -> None:
    place = parse_location(text)

    assert (place.city, place.region, place.country) == (city, region, country)
    assert place.text == text


def test_a_bare_code_that_is_also_a_us_state_stays_unknown() -> None:
    assert parse_location("CA").country is None
    assert parse_location("IN").country is None


def test_the_source_country_wins_over_the_text() -> None:
    assert parse_location("Remote", "de").country == "DE"
    assert parse_location("Springfield", "US").country == "US"
    assert parse_location("London", "CA").country == "CA"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Remote", "remote"),
        ("remote", "remote"),
        ("TELECOMMUTE", "remote"),
        ("Hybrid", "hybrid"),
        ("OnSite", "onsite"),
        ("On-Site", "onsite"),
        ("onsite", "onsite"),
        ("In Office", "onsite"),
        ("Remote-Friendly", "remote"),
        ("", None),
        (None, None),
        ("unspecified", None),
    ],
)
def test_api_workplace_values(value: str | None, expected: str | None) -> None:
    assert normalise_workplace(value) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Remote - US", "Support Engineer"), "remote"),
        (("London", "Designer (Hybrid)"), "hybrid"),
        (("Berlin", "Engineer - On-site"), "onsite"),
        (("Anywhere", None), "remote"),
        (("Berlin", "Designer"), None),
        ((None, None), None),
    ],
)
def test_workplace_named_in_location_or_title(
    texts: tuple[str | None, str | None], expected: str | None
) -> None:
    assert workplace_from_text(*texts) == expected


@pytest.mark.parametrize(
    ("text", "region", "country"),
    [
        ("Cambridge, MA", "MA", "US"),       # a state code after a city is a US state
        ("Paris, TX", "TX", "US"),
        ("Berlin, DE", None, "DE"),          # unless it is the city's own country code
        ("Toronto, CA", None, "CA"),
        ("London, ON", "ON", "CA"),
    ],
)
def test_two_letter_codes_after_a_city(text: str, region: str | None, country: str) -> None:
    place = parse_location(text)
    assert (place.region, place.country) == (region, country)
