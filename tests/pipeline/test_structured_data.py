"""pipeline/structured_data.py: JobPostings found in JSON-LD and microdata, however they are wrapped."""

from __future__ import annotations

import pytest

from pipeline.structured_data import job_postings


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def script(json_text: str, type_: str = "application/ld+json") -> str:
    return f'<script type="{type_}">{json_text}</script>'


@pytest.mark.parametrize("json_text", [
    '{"@type": "JobPosting", "title": "Welder"}',
    '[{"@type": "BreadcrumbList"}, {"@type": ["JobPosting"], "title": "Welder"}]',
    '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, {"@type": "JobPosting", "title": "Welder"}]}',
    '{"@type": "WebPage", "mainEntity": {"@type": "http://schema.org/JobPosting", "title": "Welder"}}',
    '//<![CDATA[\n{"@type": "JobPosting", "title": "Welder"}\n//]]>',
    '<!--{"@type": "JobPosting", "title": "Welder"}-->',
])
def test_json_ld_however_wrapped(json_text: str) -> None:
    assert [posting["title"] for posting in job_postings(page(script(json_text)))] == ["Welder"]


def test_the_script_type_may_carry_parameters_and_other_scripts_are_ignored() -> None:
    head = (script('{"@type": "JobPosting", "title": "Welder"}', "application/ld+json; charset=utf-8")
            + script('{"@type": "JobPosting", "title": "Not JSON-LD"}', "application/json"))

    assert [posting["title"] for posting in job_postings(page(head))] == ["Welder"]


def test_references_to_nodes_of_the_page_are_resolved() -> None:
    head = (script('{"@graph": [{"@type": "Organization", "@id": "#org", "name": "Acme"},'
                   ' {"@type": "JobPosting", "title": "Welder", "hiringOrganization": {"@id": "#org"},'
                   ' "jobLocation": [{"@id": "#berlin"}]}]}')
            + script('{"@type": "Place", "@id": "#berlin", "name": "Berlin"}'))

    [posting] = job_postings(page(head))

    assert posting["hiringOrganization"]["name"] == "Acme"
    assert posting["jobLocation"] == [{"@type": "Place", "@id": "#berlin", "name": "Berlin"}]


def test_json_ld_that_does_not_parse_is_skipped() -> None:
    head = script('{"@type": "JobPosting", "title": ') + script('{"@type": "JobPosting", "title": "Welder"}')

    assert [posting["title"] for posting in job_postings(page(head))] == ["Welder"]


def test_microdata_items_in_the_json_ld_shape() -> None:
    body = """
    <div itemscope itemtype="https://schema.org/JobPosting">
      <h1 itemprop="title name">Welder</h1>
      <a itemprop="url" href="https://acme.example/jobs/1">Apply</a>
      <time itemprop="datePosted" datetime="2026-01-12">12 Jan</time>
      <span itemprop="employmentType">FULL_TIME</span><span itemprop="employmentType">PART_TIME</span>
      <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
        <span itemprop="name">Acme</span>
      </div>
      <div itemprop="description"><p>Weld <b>things</b>.</p></div>
    </div>"""

    [posting] = job_postings(page(body=body))

    assert posting == {
        "@type": "JobPosting", "title": "Welder", "name": "Welder", "url": "https://acme.example/jobs/1",
        "datePosted": "2026-01-12", "employmentType": ["FULL_TIME", "PART_TIME"],
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "description": "<p>Weld <b>things</b>.</p>",
    }


def test_microdata_is_read_only_where_there_is_no_json_ld_posting() -> None:
    body = '<div itemscope itemtype="http://schema.org/JobPosting"><h1 itemprop="title">Welder</h1></div>'

    assert [p["title"] for p in job_postings(page(script('{"@type": "JobPosting", "title": "Smith"}'), body))] == [
        "Smith"]
    assert [p["title"] for p in job_postings(page(script('{"@type": "Organization"}'), body))] == ["Welder"]


def test_a_page_without_markup_has_no_postings() -> None:
    assert job_postings(page(body="<h1>Careers</h1><p>No open roles.</p>")) == []
