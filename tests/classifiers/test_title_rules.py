"""The title patterns name the job a title is about: its first job, and within it the head."""

from __future__ import annotations

import pytest

from classifiers.title_rules import role_from_title


@pytest.mark.parametrize(("title", "role"), [
    # the head of the first job's phrase comes last
    ("Supply Chain Data Analyst", "data_analyst"),
    ("Marketing Data Analyst", "data_analyst"),
    ("Growth Product Manager", "product_manager"),
    ("Growth Partnership Manager", "sales"),
    ("Data Engineering Manager", "engineering_manager"),
    ("Head of Product Design", "designer"),
    # a compound name ends at its own head noun, and the earlier of two matches ending together wins
    ("ML Platform Engineer", "ml_engineer"),
    ("Data Platform Engineer", "data_engineer"),
    ("Operations Research Scientist", "data_scientist"),
    ("Key Account Manager, Grocery", "sales"),
    ("Business Development Manager", "sales"),
    ("IT Support Specialist", "infrastructure"),
    ("ETL Developer (Informatica)", "data_engineer"),
    ("Senior Penetration Tester", "security"),
    ("People Operations Manager", "people"),
    ("Security Operations Analyst", "security"),
    ("Marketing Analyst", "data_analyst"),
    ("Developer Advocate", "marketing"),
    # the phrase ends at a separator or a qualifying word: what follows is not the job
    ("Backend Engineer, ML Engineer", "software_engineer"),
    ("Acme | Backend Engineer, Machine Learning Engineer | Berlin", "software_engineer"),
    ("Product Manager, Engineering Tools", "product_manager"),
    ("Senior Software Engineer - Machine Learning", "software_engineer"),
    ("Chief of Staff to the CTO", "operations"),
    ("Engineering Manager, Data Platform", "engineering_manager"),
])
def test_the_title_names_its_job(title: str, role: str) -> None:
    assert role_from_title(title)[0] == role


def test_a_title_without_job_words_names_none() -> None:
    assert role_from_title("Barista") is None
    assert role_from_title("HTML Wizard") is None  # "ml" inside a word is not ML
    assert role_from_title("") is None
