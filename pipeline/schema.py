"""The posting dataset's columns: name, Arrow type and meaning (README's column table mirrors this)."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = 3

_SKILL_EVIDENCE = pa.list_(pa.struct([("skill", pa.string()), ("terms", pa.list_(pa.string()))]))


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("posting_id", pa.string(), "stable id: hash of source, board and the source's own id"),
    Column("canonical_id", pa.string(),
           "the same job seen through several sources shares it: count distinct canonical_id to count jobs"),
    Column("source", pa.string(), "source kind: greenhouse, lever, ashby, …"),
    Column("board", pa.string(), "board token / site / name within the source"),
    Column("source_id", pa.string(), "the source's own id of the posting"),
    Column("company", pa.string(), "employer name"),
    Column("title", pa.string(), "posting title as published"),
    Column("description", pa.string(), "clean text of the posting body (HTML removed, lists as lines)"),
    Column("description_truncated", pa.bool_(), "true when the description was cut at the size limit"),
    Column("department", pa.string(), "department or team, when given"),
    Column("location", pa.string(), "primary location as published"),
    Column("locations", pa.list_(pa.string()), "every location the posting lists"),
    Column("city", pa.string(), "city of the primary location, when known"),
    Column("region", pa.string(), "state / province / region, when known"),
    Column("country", pa.string(), "ISO-3166 alpha-2 country of the primary location, when known"),
    Column("workplace", pa.string(), "remote / hybrid / onsite, or null when not stated"),
    Column("employment_type", pa.string(),
           "full_time / part_time / contract / temporary / internship / other, or null"),
    Column("salary_min", pa.float64(), "lower end of the pay range"),
    Column("salary_max", pa.float64(), "upper end of the pay range"),
    Column("salary_currency", pa.string(), "ISO-4217 currency of the pay range"),
    Column("salary_period", pa.string(), "hour / day / week / month / year"),
    Column("salary_text", pa.string(), "the pay text the range was read from, when from text"),
    Column("posted_at", pa.timestamp("us", tz="UTC"), "when the source says it was published (UTC)"),
    Column("url", pa.string(), "public URL of the posting"),
    Column("content_hash", pa.string(), "hash of the visible content; changes when edited"),
    Column("source_hash", pa.string(),
           "hash of the job as the source served it (and of how it was normalised); an unchanged job's "
           "row is copied from the previous partition instead of being normalised again"),
    Column("scraped_at", pa.timestamp("us", tz="UTC"), "when the response was fetched (UTC)"),
    Column("ai_tier", pa.string(), "core / applied / mention / none (docs/LABELS.md)"),
    Column("ai_tier_confidence", pa.float64(), "model probability of the chosen ai_tier"),
    Column("is_ai", pa.bool_(), "ai_tier in (core, applied): the headline 'AI job' flag"),
    Column("role", pa.string(), "one role of docs/LABELS.md (software_engineer, sales, …)"),
    Column("role_confidence", pa.float64(), "model probability of the chosen role"),
    Column("seniority", pa.string(), "intern / entry / mid / senior / lead / manager / director / executive"),
    Column("seniority_evidence", pa.string(), "the title words or years that decided seniority"),
    Column("ai_skills", pa.list_(pa.string()), "AI skill clusters asked for (docs/LABELS.md)"),
    Column("ai_skill_terms", _SKILL_EVIDENCE, "for each ai_skill, the terms that matched"),
    Column("model_version", pa.string(), "version of the model that labelled the row"),
    Column("run_id", pa.string(), "the run that wrote the row"),
)

COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in COLUMNS)
# the columns labelling writes (classifiers/labeller.py LABEL_FIELDS, the same, checked by a test),
# known here without importing the labeller and scikit-learn with it
LABEL_COLUMNS: tuple[str, ...] = COLUMN_NAMES[COLUMN_NAMES.index("ai_tier"):COLUMN_NAMES.index("model_version") + 1]
SCHEMA = pa.schema([pa.field(column.name, column.type) for column in COLUMNS]).with_metadata(
    {"jobradar.schema_version": str(SCHEMA_VERSION)}
)

# The postings history (data/history/postings.parquet): one row per posting over all runs.
# Descriptive columns are those of the last run that saw the posting.
HISTORY_COLUMNS: tuple[Column, ...] = (
    *(column for column in COLUMNS if column.name in {
        "posting_id", "source", "board", "company", "title", "country", "workplace", "url",
        "ai_tier", "is_ai", "role", "seniority", "ai_skills", "model_version"}),
    Column("first_seen", pa.date32(), "run date of the first run that saw the posting"),
    Column("last_seen", pa.date32(), "run date of the last run that saw the posting"),
    Column("closed_at", pa.date32(),
           "run date of the first run that missed it, once JOBRADAR_CLOSE_AFTER_RUNS successful "
           "crawls of its board in a row have missed it; null while open"),
    Column("runs_seen", pa.int64(), "how many runs saw the posting"),
    Column("edits", pa.int64(), "how many times its content changed (distinct content hashes - 1)"),
)
HISTORY_SCHEMA = pa.schema([pa.field(c.name, c.type) for c in HISTORY_COLUMNS]).with_metadata(
    {"jobradar.schema_version": str(SCHEMA_VERSION)}
)
