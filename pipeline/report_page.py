"""The HTML report: one self-contained page (inline CSS and SVG) of the AI job market over a range."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from pipeline.charts import horizontal_bars, line_chart, stacked_bars
from pipeline.trends import Trends

TIER_COLORS = ("#1f5f99", "#6fa8dc", "#f0b44c", "#d5dbe1")  # core, applied, mention, none
NEW_COLORS = ("#1f5f99", "#b9c7d6")
ROLE_PANELS = 8

_CSS = """
body{font-family:system-ui,sans-serif;color:#222;max-width:1020px;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin:2.2rem 0 .3rem}
.sub{color:#666;margin-top:0}.caption{color:#555;font-size:.92rem;margin:.2rem 0 .6rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:.8rem;margin:1.4rem 0}
.kpi{background:#f4f6f9;border-radius:8px;padding:.8rem 1rem}.kpi b{display:block;font-size:1.7rem}
.kpi span{color:#555;font-size:.9rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:.6rem}
.panel h3{font-size:.92rem;margin:.2rem 0}svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.88rem}
td,th{padding:.2rem .6rem;border-bottom:1px solid #e3e6ea;text-align:right}
td:first-child,th:first-child{text-align:left}
details{margin:.3rem 0 1rem;color:#444}summary{cursor:pointer;font-size:.88rem}
.note{font-size:.88rem;color:#555}
"""


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _data(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    return f"<details><summary>the numbers</summary>{_table(header, rows)}</details>"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def render_report(trends: Trends, source: str) -> str:
    """The whole page; `source` says where the data came from (shown in the notes)."""
    if not trends.days:
        return _page("jobradar report", "<p>No partitions in this range: run `jobradar run` or "
                     "`jobradar backfill` first.</p>")
    labels = [d.strftime("%b %d") if len(trends.days) <= 62 else d.isoformat() for d in trends.days]
    first, last = trends.days[0], trends.days[-1]
    shares = trends.ai_share()
    sections = [
        f"<h1>The AI job market, {first:%d %b %Y} – {last:%d %b %Y}</h1>",
        f'<p class="sub">{len(trends.days)} run dates · {trends.distinct_postings:,} distinct postings '
        f"seen, {trends.distinct_ai_postings:,} of them AI jobs (core or applied)</p>",
        _kpis(trends, shares),
        "<h2>AI share of postings</h2>",
        '<p class="caption">Share of the postings on the boards that are AI jobs (ai_tier core or '
        "applied), per run date.</p>",
        line_chart({"AI share": shares}, labels, "AI share of postings per run date"),
        _data(["run date", "postings", "AI postings", "AI share"],
              [(d, n, a, _pct(s)) for d, n, a, s in zip(trends.days, trends.postings, trends.ai_postings, shares,
                                                        strict=True)]),
        _roles(trends, labels),
        "<h2>Tier mix</h2>",
        '<p class="caption">How central AI is to the postings of each run date: core (building AI), '
        "applied (using AI in the job), mention (AI named in passing), none.</p>",
        stacked_bars(trends.tiers, labels, "AI tier mix per run date", normalise=True, colors=TIER_COLORS),
        _data(["run date", *trends.tiers], [(d, *counts) for d, *counts in
                                            zip(trends.days, *trends.tiers.values(), strict=True)]),
        _skills(trends),
        _flow(trends, labels),
        _companies(trends),
        _notes(trends, source),
    ]
    return _page(f"jobradar report {first} – {last}", "\n".join(sections))


def _kpis(trends: Trends, shares: list[float | None]) -> str:
    first, last = shares[0], shares[-1]
    change = "" if first is None or last is None or len(shares) < 2 else \
        f"{(last - first) * 100:+.1f} points since {trends.days[0]:%d %b}"
    tiles = [
        (_pct(last), f"AI share on {trends.days[-1]:%d %b %Y}" + (f"<br>{change}" if change else "")),
        (f"{trends.postings[-1]:,}", f"postings on {trends.days[-1]:%d %b %Y}"),
        (f"{sum(n or 0 for n in trends.new_postings):,}",
         f"new postings ({sum(n or 0 for n in trends.new_ai_postings):,} of them AI)"),
        (f"{trends.closed_postings:,}", "postings closed in the range"),
    ]
    return '<div class="kpis">' + "".join(f'<div class="kpi"><b>{v}</b><span>{t}</span></div>'
                                          for v, t in tiles) + "</div>"


def _roles(trends: Trends, labels: list[str]) -> str:
    roles = trends.roles_by_ai_postings()[:ROLE_PANELS]
    if not roles:
        return ""
    top = max((s for r in roles for s in trends.role_ai_share(r) if s is not None), default=1.0)
    panels = "".join(
        f'<div class="panel"><h3>{escape(role)} · {sum(trends.role_ai[role]):,} AI posting-days</h3>'
        + line_chart({role: trends.role_ai_share(role)}, labels, f"AI share of {role} postings",
                     width=320, height=150, top=min(1.0, top * 1.05) or 1.0)
        + "</div>" for role in roles)
    rows = [(d, *(_pct(trends.role_ai_share(r)[i]) for r in roles)) for i, d in enumerate(trends.days)]
    return ("<h2>AI share by role</h2>"
            f'<p class="caption">Share of each role\'s postings that are AI jobs, for the {len(roles)} '
            "roles with the most AI postings; every panel has the same scale.</p>"
            f'<div class="grid">{panels}</div>' + _data(["run date", *roles], rows))


def _skills(trends: Trends) -> str:
    if not trends.top_skills:
        return ""
    return ("<h2>Top AI skills</h2>"
            '<p class="caption">Distinct AI postings seen in the range that ask for each skill '
            "cluster (docs/LABELS.md).</p>"
            + horizontal_bars([(s.replace("_", " "), n) for s, n in trends.top_skills], "Top AI skills")
            + _data(["skill", "AI postings"], trends.top_skills))


def _flow(trends: Trends, labels: list[str]) -> str:
    new_ai = [a or 0 for a in trends.new_ai_postings]
    other = [(n or 0) - a for n, a in zip(trends.new_postings, new_ai, strict=True)]
    return ("<h2>New and open postings</h2>"
            '<p class="caption">New: first seen on that run date (left out on the first run date of '
            "the history, where every posting is new). Open: seen by then and not closed by then; a "
            "posting closes once successful crawls of its board stop finding it.</p>"
            + stacked_bars({"new AI postings": new_ai, "other new postings": other},
                           labels, "New postings per run date", colors=NEW_COLORS)
            + line_chart({"open postings": trends.open_postings}, labels, "Open postings per run date",
                         fmt=lambda v: f"{v:,.0f}")
            + _data(["run date", "new", "new AI", "open"],
                    [(d, "–" if n is None else n, "–" if a is None else a, o) for d, n, a, o in
                     zip(trends.days, trends.new_postings, trends.new_ai_postings, trends.open_postings,
                         strict=True)]))


def _companies(trends: Trends) -> str:
    if not trends.top_companies:
        return ""
    rows = [(c, n, a, _pct(a / n if n else None)) for c, n, a in trends.top_companies]
    return ("<h2>Companies hiring for AI</h2>"
            '<p class="caption">Distinct postings seen in the range, by AI postings.</p>'
            + _table(["company", "postings", "AI postings", "AI share"], rows))


def _notes(trends: Trends, source: str) -> str:
    failed = "".join(f"<li>{d}: {escape(', '.join(boards))}</li>" for d, boards in trends.failed_boards.items())
    return ("<h2>About these numbers</h2><p class=\"note\">"
            f"From {escape(source)}; labelled by model {escape(', '.join(trends.model_versions) or '–')}. "
            f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by <code>jobradar report</code>.</p>"
            + (f'<p class="note">Boards that failed to crawl (their postings are missing that day but '
               f"are not counted as closed):</p><ul class=\"note\">{failed}</ul>" if failed else ""))


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{_CSS}</style>'
            f"</head><body>{body}</body></html>\n")
