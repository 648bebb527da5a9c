"""The demo corpus and boards: enough realistic, labelled postings, served in the real shapes."""

from __future__ import annotations

import json
import urllib.request
from collections import Counter
from datetime import date

from classifiers.labels import AI_TIERS, ROLES, SENIORITIES
from jobradar.demo.boards import board_response, visible_postings
from jobradar.demo.corpus import companies, labels, postings, training_examples
from jobradar.demo.server import base_url_for, demo_server
from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS


def test_corpus_size_and_coverage() -> None:
    assert len(companies()) >= 8
    assert len({c.industry for c in companies()}) >= 8
    examples = training_examples()
    assert len(examples) >= 300
    assert {e.ai_tier for e in examples} == set(AI_TIERS)
    assert {e.role for e in examples} == set(ROLES)
    assert {e.seniority for e in examples} == set(SENIORITIES)
    assert {c.source for c in companies()} == {"greenhouse", "lever", "ashby"}


def test_every_posting_is_labelled_and_realistic() -> None:
    currencies, periods, workplaces = Counter(), Counter(), Counter()
    for company in companies():
        board_labels = labels(company.board)
        for posting in postings(company.board):
            assert posting["id"] in board_labels, posting["id"]
            assert "labels" not in posting
            words = len(posting["description"].split())
            assert 150 <= words <= 800, (posting["id"], words)
            if posting["salary"]:
                currencies[posting["salary"]["currency"]] += 1
                periods[posting["salary"]["period"]] += 1
            workplaces[posting["workplace"]] += 1
    assert len(currencies) >= 4 and len(periods) >= 3
    assert set(workplaces) == {"remote", "hybrid", "onsite"}


def test_boards_change_by_date_deterministically() -> None:
    board = companies()[0].board
    day = date(2024, 1, 10)
    first = [v.posting["id"] for v in visible_postings(board, day)]
    assert first == [v.posting["id"] for v in visible_postings(board, day)]
    later = [v.posting["id"] for v in visible_postings(board, date(2024, 2, 20))]
    assert first != later
    total = len(postings(board))
    assert 0.4 * total <= len(first) < total


def test_served_boards_parse_into_every_visible_posting_and_hide_labels() -> None:
    day = date(2024, 1, 10)
    with demo_server() as url:
        for company in companies():
            path = {"greenhouse": f"/v1/boards/{company.board}/jobs?content=true",
                    "lever": f"/v0/postings/{company.board}?mode=json",
                    "ashby": f"/posting-api/job-board/{company.board}?includeCompensation=true",
                    }[company.source]
            with urllib.request.urlopen(base_url_for(url, day) + path) as response:
                raw = response.read().decode()
            assert "ai_tier" not in raw and '"labels"' not in raw
            body = json.loads(raw)
            assert body == json.loads(json.dumps(board_response(company.source, company.board, day)))
            items = list(normalise_records(
                [{"source": company.source, "board": company.board, "body": body,
                  "fetched_at": "2024-01-10T02:00:00+00:00"}], PARSERS))
            assert not [i for i in items if isinstance(i, Quarantined)]
            assert len(items) == len(visible_postings(company.board, day))


def test_unknown_board_is_404() -> None:
    with demo_server() as url:
        try:
            urllib.request.urlopen(url + "/v0/postings/nobody")
        except urllib.error.HTTPError as error:
            assert error.code == 404
        else:
            raise AssertionError("expected 404")
