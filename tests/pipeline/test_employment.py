"""pipeline/employment.py: every source's employment types in one vocabulary."""

from __future__ import annotations

import pytest

from pipeline.employment import EMPLOYMENT_TYPES, normalise_employment_type


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("FullTime", "full_time"),
        ("Full-time", "full_time"),
        ("full_time", "full_time"),
        ("Permanent", "full_time"),
        ("CDI", "full_time"),
        ("Vollzeit", "full_time"),
        ("PartTime", "part_time"),
        ("Part-time", "part_time"),
        ("Teilzeit", "part_time"),
        ("Contract", "contract"),
        ("Freelance", "contract"),
        ("Contractor", "contract"),
        ("Temporary", "temporary"),
        ("Fixed-term", "temporary"),
        ("CDD", "temporary"),
        ("Intern", "internship"),
        ("Internship", "internship"),
        ("Stage", "internship"),
        ("Alternance", "internship"),
        ("Werkstudent", "internship"),
        ("Volunteer", "other"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_employment_types(value: str | None, expected: str | None) -> None:
    assert normalise_employment_type(value) == expected


def test_every_result_is_in_the_vocabulary() -> None:
    for value in ("FullTime", "Stage", "Contract", "Seasonal", "Part time", "Anything"):
        assert normalise_employment_type(value) in EMPLOYMENT_TYPES
