"""Seniority from titles, with the codebook's ties and traps."""

from __future__ import annotations

import pytest

from classifiers.seniority import seniority_from_title


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Machine Learning Intern", "intern"),
        ("Werkstudent Marketing (m/w/d)", "intern"),
        ("Junior Data Analyst", "entry"),
        ("Graduate Software Engineer", "entry"),
        ("Software Engineer I", "entry"),
        ("Software Engineer II (Payments)", "mid"),
        ("Software Engineer III", "senior"),
        ("Senior Backend Engineer", "senior"),
        ("Staff Software Engineer", "lead"),
        ("Principal Data Scientist", "lead"),
        ("Senior Solutions Architect", "lead"),
        ("Engineering Manager, Payments", "manager"),
        ("Store Manager", "manager"),
        ("Director of Finance", "director"),
        ("Head of People", "director"),
        ("VP of Engineering", "executive"),
        ("Chief Technology Officer", "executive"),
        # traps
        ("Product Manager", "mid"),
        ("Account Manager", "mid"),
        ("Vice President, Software Engineering", "senior"),
        ("AVP, Credit Risk Analyst", "senior"),
        ("Staff Accountant", "mid"),
        ("Member of Technical Staff", "mid"),
        ("Executive Assistant", "mid"),
        ("Lead Generation Specialist", "mid"),
    ],
)
def test_title_decides(title: str, expected: str) -> None:
    assert seniority_from_title(title)[0] == expected


def test_years_break_ties_for_unmarked_titles() -> None:
    assert seniority_from_title("Backend Engineer", "You have 6+ years of experience.") == (
        "senior", "6+ years required")
    assert seniority_from_title("Backend Engineer", "0-2 years of experience, new grads welcome")[0] == "entry"
    assert seniority_from_title("Backend Engineer", "3+ years with Go")[0] == "mid"


def test_title_beats_years() -> None:
    assert seniority_from_title("Junior Developer", "8 years of experience")[0] == "entry"


def test_evidence_names_the_words_that_decided() -> None:
    assert seniority_from_title("Sr. Data Engineer")[1].lower().startswith("sr")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Quillmate | Prompt Engineer, Senior Frontend Engineer | Remote (US/EU)", "mid"),
        ("Acme | Staff Engineer, Junior Designer | Berlin", "lead"),
        ("Summer Law Clerk", "intern"),
        ("Industrial Placement Student, Chemistry", "intern"),
        ("Business Development Manager", "mid"),
        ("Jefe de Equipo de Datos", "manager"),
        ("Software Engineer III - Android", "senior"),
    ],
)
def test_more_codebook_traps(title: str, expected: str) -> None:
    assert seniority_from_title(title)[0] == expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Requirements: 3+ years of Python and 1+ year of Kubernetes.", "mid"),  # the job needs 3
        ("At least 7 years building distributed systems.", "senior"),
        ("We were founded 12 years ago. You have 1-2 years of experience.", "entry"),
        ("No prior experience required - full training provided.", "entry"),
        ("Our 40-year-old company is growing.", "mid"),
    ],
)
def test_required_years(description: str, expected: str) -> None:
    assert seniority_from_title("Backend Engineer", description)[0] == expected
