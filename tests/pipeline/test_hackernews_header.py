"""pipeline/hackernews_header.py: the fields of a "Who is hiring?" comment's first line."""

from __future__ import annotations

import pytest

from pipeline.hackernews_header import JOB_NOUN, Header, has_job_noun, parse_header, workplace_of


def test_a_pipe_header_by_field() -> None:
    assert parse_header("Acme (YC W24) | ML Engineer, Data Engineer | Berlin, Germany | ONSITE | Full-time | "
                        "€90k - €120k | https://acme.example/jobs?team=ml|data") == Header(
        company="Acme", roles=("ML Engineer, Data Engineer",), locations=("Berlin, Germany",),
        workplace="onsite", employment_type="Full-time")


@pytest.mark.parametrize(("line", "company"), [
    ("FreeWheel • New York City • Full Time • ONSITE", "FreeWheel"),
    ("PlanGrid (YCW12) | San Francisco | Full-time, On-Site | Visa", "PlanGrid"),
    ("PacketZoom | Developer Evangelist | San Mateo, CA | NO RECRUITERS/AGENCIES PLEASE.", "PacketZoom"),
    ("Full-time | Senior Software Engineer | PolicyGenius | Brooklyn, New York (NYC)", "PolicyGenius"),
    ("Interns - Chinatown, Washington, DC - Industry Dive", "Industry Dive"),
    ("Washington DC - EverFi", "EverFi"),
    ("Galaxy (getgalaxy.example) - The Cursor for SQL | NYC, NY | Full time", "Galaxy"),
])
def test_the_company_is_the_first_field_that_is_no_place_pay_or_employment_type(line: str, company: str) -> None:
    header = parse_header(line)

    assert header is not None and header.company == company


def test_a_no_recruiters_field_is_not_a_job() -> None:
    header = parse_header("PacketZoom | Developer Evangelist | San Mateo, CA | NO RECRUITERS/AGENCIES PLEASE.")

    assert header is not None and header.roles == ("Developer Evangelist",)


@pytest.mark.parametrize(("line", "locations"), [
    ("Raleigh, NC", ("Raleigh, NC",)),
    ("Chicago, IL. http://vokal.example", ("Chicago, IL.",)),
    ("Acme | NYC area (hybrid) | Remote (EU)", ("NYC area (hybrid)", "Remote (EU)")),
    ("Happy Returns (UPS) | Software Engineer | Remote (US)", ("Remote (US)",)),
])
def test_places(line: str, locations: tuple[str, ...]) -> None:
    header = parse_header(line)

    assert header is not None and header.locations == locations


@pytest.mark.parametrize("line", [
    "At Grey Rhino (www.greyrhino.example), we are a growing stealth-mode hedge fund focused on systematic "
    "and data-driven investment strategies.",
    "Hello, we are hiring",
    "Aggregated for easier reading: https://hn-digest.example/who-is-hiring/",
    "We build AI tools that help law firms - and we love it - a lot more than you think we would, honestly, truly",
])
def test_a_sentence_is_no_header(line: str) -> None:
    assert parse_header(line) is None


@pytest.mark.parametrize(("text", "workplace"), [
    ("ONSITE, REMOTE, HYBRID", "hybrid"),
    ("Boston or Remote (US)", "remote"),
    ("No remote possible, sorry", "onsite"),
    ("Remote not possible", "onsite"),
    ("Berlin", None),
])
def test_workplace_of_header_fields(text: str, workplace: str | None) -> None:
    assert workplace_of(text) == workplace


@pytest.mark.parametrize("text", [
    "Senior Data Engineer", "engineering", "Head of Sales", "Head\u00a0of\u2003Sales", "Chief Revenue Officer",
    "member of the technical staff", "MTS", "Büroengineer", "engineerö", "ingénieurs", "Büro engineer",
    "Engineerhttps://jobs.example/1", "x\ud800engineer", "CTO/CEO", "the PMs", "pmsx", "co-founder",
    "We build payments for the world.", "", "devs_", "_devs", "Dev", "ENGINEERS!", "ſre", "K\u212arecruiters",
])
def test_has_job_noun_agrees_with_the_job_noun_pattern(text: str) -> None:
    assert has_job_noun(text) == bool(JOB_NOUN.search(text))
