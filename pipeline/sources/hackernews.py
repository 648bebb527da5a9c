"""Hacker News "Who is hiring?" threads, as the Algolia HN Search API gives them
(https://hn.algolia.com/api, `/api/v1/items/{id}`: a story with its whole comment tree).

Every top-level comment of a thread (kind "thread") is read: one posting per job it lists
(pipeline/hackernews_split.py), source_id "<comment id>" for a one-job comment and
"<comment id>#<n>" for the n-th job of a comment that lists several. Replies, deleted and dead
comments, and comments that are no job post are skipped; search responses hold no postings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from pipeline.hackernews_split import split_comment
from pipeline.normalise import SourcePosting

SOURCE = "hackernews"
COMMENT_URL = "https://news.ycombinator.com/item?id={id}"
UNKNOWN_COMPANY = "(not named)"  # a comment whose header names no employer
_GONE_TEXTS = {"[deleted]", "[dead]", "[flagged]", "[removed]"}


def jobs_of_record(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One job per job listed in the thread's top-level comments; none for a search response."""
    body = record.get("body")
    if record.get("kind") == "search" or (isinstance(body, dict) and "hits" in body):
        return []
    if not isinstance(body, dict) or not isinstance(body.get("children"), list):
        raise ValueError("expected an Algolia item (a story with a 'children' list)")
    jobs = []
    for comment in top_level_comments(body):
        found = split_comment(comment["text"])
        for number, job in enumerate(found, 1):
            source_id = str(comment["id"]) if len(found) == 1 else f"{comment['id']}#{number}"
            jobs.append({**asdict(job), "source_id": source_id, "comment_id": comment["id"],
                         "text": comment["text"], "created_at": comment.get("created_at"),
                         "created_at_i": comment.get("created_at_i")})
    return jobs


def top_level_comments(story: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The story's direct children that are live comments with text (replies are not among them)."""
    return [child for child in story["children"] if isinstance(child, dict) and _is_live(child, story)]


def _is_live(comment: Mapping[str, Any], story: Mapping[str, Any]) -> bool:
    text = comment.get("text")
    return (
        comment.get("id") is not None
        and comment.get("type", "comment") == "comment"
        and comment.get("parent_id") in (None, story.get("id"))
        and not comment.get("deleted") and not comment.get("dead")
        and comment.get("author") is not None
        and isinstance(text, str) and text.strip() not in {"", *_GONE_TEXTS}
    )


def extract(job: Mapping[str, Any]) -> SourcePosting:
    return SourcePosting(
        source_id=job["source_id"],
        title=job["title"],
        description_html=job["text"],
        locations=list(job["locations"]),
        workplace=job["workplace"],
        employment_type=job["employment_type"],
        posted_at=job["created_at"] or job["created_at_i"],
        url=COMMENT_URL.format(id=job["comment_id"]),
        company=job["company"] or UNKNOWN_COMPANY,
    )
