"""Hacker News "Who is hiring?" comments as jobs: one job per job a comment lists (pure, no I/O).

A comment usually opens with a header of fields, "Acme | ML Engineer, Data Engineer | Berlin |
ONSITE" (older ones use dashes, "Acme - Berlin - Python Developer"); some list their jobs in the
text instead ("Roles:" and bullets, "we are hiring a Backend Engineer and a Product Designer").
Splitting is conservative: a list counts only when every item names a job (it holds a job noun
such as engineer or designer), and a comment without a recognisable header is one job titled by
its first line. A comment that shows no sign of hiring (a remark about the thread) is no job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.hackernews_header import (
    GENERIC,
    JOB_NOUN,
    SALARY,
    URL,
    Header,
    has_job_noun,
    names_a_job,
    parse_header,
    split_outside_brackets,
)
from pipeline.text import html_to_text

MAX_TITLE_CHARS = 150

_LIST_PREFIX = re.compile(
    r"^\s*(?:(?:open|current|available)\s+)?(?:roles?|positions?|openings?|jobs?|hiring(?:\s+for)?)\s*:\s*",
    re.I)
_SENTENCE_WORD = re.compile(r"\b(?:you|your|we|our|will|must|who|years?|experience|is|are|have|has)\b", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·–—>+]{1,3}|\d{1,2}[.)]|[a-z][.)]|\(\d{1,2}\))\s*", re.I)
_ITEM_END = re.compile(r":\s|:$|\s\(?(?:https?://|www\.)|\s+@\s+|\s+\u2192\s+|\s*[(\[]?\x00")
_DASH = re.compile(r"\s+[-–—|]\s+")
_HEAD_OF = re.compile(r"(?:head|vp|director|chief)\s+of\b", re.I)
_INTRO = re.compile(
    r"\b(?:roles?|positions?|openings?|jobs?|hiring|looking\s+for|seeking|vacanc\w*|opportunit\w*)\b[^:]{0,60}:",
    re.I)
# "What we're looking for:" introduces requirements, not jobs
_NOT_INTRO = re.compile(r"^\W*(?:what|who|why|how|about|where|when)\b", re.I)
_HIRING_SENTENCE = re.compile(
    r"\b(?:we(?:'re|’re|\s+are|\s+re)|(?:is|are))\s+(?:currently\s+|also\s+|now\s+|actively\s+)?"
    r"(?:hiring|looking\s+for|seeking|recruiting)(?:\s+for)?\s+(?P<roles>[^.;:!?\n()]+)", re.I)
_SENTENCE_END = re.compile(
    r"\s(?:to|who|that|which|in|at|with|on|based|across|from|located|for|as|remotely|here|now|"
    r"immediately|well|skilled|experienced)\b|\s[-–—]\s|,\s*(?:both|either|remote|onsite)\b", re.I)
_QUANTITY = re.compile(
    r"^(?:an?|the|one|two|three|four|five|several|multiple|a\s+few|a\s+couple\s+of|some|more|"
    r"additional|new|talented|great|our|first|dedicated|experienced|strong|passionate|\d+)\s+", re.I)
_HIRING_SIGN = re.compile(
    r"\b(?:hiring|hire|looking\s+for|seeking|join|we\s+need|apply|applica\w+|positions?|roles?|"
    r"openings?|vacanc\w+|jobs?|careers?|remote|on-?site|full[\s-]?time|part[\s-]?time|contract|salary|"
    r"equity|resume|cv|visa|relocat\w*)\b", re.I)
_EDIT_NOTE = re.compile(r"^(?:edit(?:ed)?|update[d]?)\b[^:]{0,30}:", re.I)


@dataclass(frozen=True)
class CommentJob:
    """One job of a comment: its title, and what the comment's header says of it."""

    title: str
    company: str | None = None
    role: str | None = None
    locations: tuple[str, ...] = ()
    workplace: str | None = None
    employment_type: str | None = None


def comment_lines(text_html: str | None) -> list[str]:
    """The comment as HN shows it, one non-empty line per paragraph or line break."""
    return [line.strip() for line in html_to_text(text_html or "").split("\n") if line.strip()]


def split_comment(text_html: str | None) -> list[CommentJob]:
    """The jobs a comment lists, in order; none for a comment that is not a job post."""
    return split_lines(comment_lines(text_html))


def split_lines(lines: list[str]) -> list[CommentJob]:
    """split_comment of a comment already cut into its lines (comment_lines)."""
    first_header = parse_header(lines[0]) if lines else None
    if not _hiring(lines, first_header):
        return []
    header_at = next((i for i, line in enumerate(lines) if not _EDIT_NOTE.match(line)), 0)
    header = first_header if header_at == 0 else parse_header(lines[header_at])
    if header is not None and header.company is None and header_at + 1 < len(lines):
        # "San Francisco, CA" on a line of its own, then "Acme - https://acme.example" (2011-era)
        second = parse_header(lines[header_at + 1])
        if second is not None and second.company and not names_a_job(second.company):
            header = Header(second.company, header.roles + second.roles, header.locations,
                            header.workplace or second.workplace, header.employment_type)
    first_line = _cap(lines[header_at])
    roles = _header_roles(header)
    listed = roles_in_body(lines)
    if len(roles) <= 1 and len(listed) >= 2 or not roles:
        roles = listed or roles  # "Acme | Engineering & Product", then "Roles include:" and a list
    roles = roles or roles_in_sentences(" ".join(lines))
    fields = header or Header(None, (), (), None, None)
    if not roles:
        return [CommentJob(first_line, fields.company, None, fields.locations, fields.workplace,
                           fields.employment_type)]
    return [CommentJob(_cap(f"{fields.company} | {role}" if fields.company else role), fields.company, role,
                       fields.locations, fields.workplace, fields.employment_type) for role in roles]


def is_hiring(lines: list[str]) -> bool:
    """Whether a comment reads as a job post: a header, or a word of hiring or a job outside URLs;
    a short question ("Is it OK to post here?") is a remark on the thread."""
    return _hiring(lines, parse_header(lines[0]) if lines else None)


def _hiring(lines: list[str], header: Header | None) -> bool:
    """is_hiring, given the header parsed from the first line."""
    if not lines:
        return False
    text = URL.sub(" ", " ".join(lines))
    if len(text) < 200 and text.rstrip().endswith("?"):
        return False
    if len(text) > 20 and ("|" in lines[0] or header is not None and (
            header.roles or header.locations or header.workplace or header.employment_type)):
        return True
    return _HIRING_SIGN.search(text) is not None or has_job_noun(text)


def role_list(field: str) -> list[str]:
    """The jobs a role field names: "Backend Engineer, ML Engineer" is two; "Software Engineer,
    Full Stack" and "Backend/Frontend Engineer" are one (not every part names a job), and so is
    "iOS Engineer / Android Engineer" (a slash more often joins two names of one job)."""
    text = _LIST_PREFIX.sub("", field).strip().strip("[]").strip()
    parts = split_outside_brackets(text, ",;")
    if len(parts) < 2 or not all(has_job_noun(part) for part in parts):
        parts = [text]
    roles: list[str] = []
    for part in parts:
        pieces = re.split(r"\s+(?:&|and|\+)\s+", part)  # not "/": "Security Consultant / Pen Tester" is one job
        if len(pieces) < 2 or not all(has_job_noun(p) and len(p.split()) >= 2 for p in pieces):
            pieces = [part]
        roles.extend(cleaned for piece in pieces if (cleaned := URL.sub("", piece).strip(" .,;:")))
    return _unique(roles)


def roles_in_body(lines: list[str]) -> list[str]:
    """Jobs listed in the text: items after a line such as "Open roles:", or a run of two or more
    lines, bulleted or not, that each name nothing but a job ("- Senior Backend Engineer (Remote)")."""
    for at, line in enumerate(lines):
        line = URL.sub(" ", line)  # "Apply at https://jobs.example/swe" is no "jobs:" intro
        intro = _INTRO.search(line)
        if intro is None or len(line) > 120 or intro.start() > 60 or _NOT_INTRO.match(line):
            continue
        inline = line[intro.end():].strip()
        if inline:
            roles = role_list(inline)
            if all(names_a_job(role) for role in roles):
                return roles
            continue
        items = []
        for item in lines[at + 1:]:
            if _only_a_link(item):
                continue
            role = _list_item(item, strict=False)
            if role is None:
                break
            items.append(role)
        if items:
            return _unique(items)
    run: list[str] = []
    for line in [*lines[1:], ""]:
        if line and _only_a_link(line):
            continue  # "Senior Privacy Engineer - $178,500", its link, the next job, its link
        role = _list_item(line, strict=True)
        if role is not None:
            run.append(role)
            continue
        if len(run) >= 2:
            return _unique(run)
        run = []
    return []


def roles_in_sentences(text: str) -> list[str]:
    """Two or more jobs named in a sentence: "we are hiring a Backend Engineer and a Designer"."""
    for match in _HIRING_SENTENCE.finditer(URL.sub(" ", text)):
        named = _SENTENCE_END.split(match.group("roles"), maxsplit=1)[0]
        parts = [_strip_quantity(p) for p in re.split(r",\s*(?:and\s+|&\s+)?|\s+and\s+|\s+&\s+", named)]
        if len(parts) >= 2 and all(names_a_job(p) and len(p.split()) <= 6 for p in parts):
            return _unique(parts)
    return []


def _header_roles(header: Header | None) -> list[str]:
    if header is None:
        return []
    roles = [role for field in header.roles for role in role_list(field)]
    return [] if not roles or any(GENERIC.search(role) for role in roles) else roles


def _list_item(line: str, strict: bool) -> str | None:
    """The job a list line names, or None when the line is not a job ("- 5+ years of Go")."""
    bullet = _BULLET.match(line)
    text = line[bullet.end():] if bullet else line
    if text.rstrip().endswith(":"):
        return None  # a heading ("And for new grads:"), not a job
    marked = URL.sub("\x00", text)
    if "(" not in marked and not has_job_noun(marked):
        return None  # the job is a part of `marked` cut at non-word characters: it names no job either
    role = _ITEM_END.split(marked, maxsplit=1)[0]
    title, *rest = _DASH.split(role, maxsplit=1)
    if rest and _is_qualifier(rest[0]):
        title = f"{title} - {rest[0]}"  # "Lead Software Engineer - Digital Marketplaces"
    role = title.lstrip(" ,;*-–—").rstrip(" .,;*-–—")
    plain = re.sub(r"\([^)]*\)", "", role).strip()
    if not names_a_job(role) or _SENTENCE_WORD.search(plain) or _NOT_INTRO.match(role):
        return None
    head = re.split(r"[,(]|-\s", plain)[0].split()
    ends_in_a_job = bool(head) and JOB_NOUN.fullmatch(head[-1]) is not None and head[-1].lower() != "engineering"
    # a bulleted line may go on after the job ("- Principal Product Manager Systems Software")
    leads_with_a_job = bullet is not None and len(head) <= 8 and any(
        JOB_NOUN.fullmatch(word) and word.lower() != "engineering" for word in head[:4])
    if strict and not (plain[:1].isupper() and (ends_in_a_job or leads_with_a_job or _HEAD_OF.match(plain))):
        return None  # unintroduced lines must end in a job: "Senior Data Engineer", not "- Strong engineering"
    return role


def _is_qualifier(text: str) -> bool:
    """What follows a dash in a list line that is still the job's name ("Golang (Contract OK)"), not its
    pay, link or description."""
    return (len(text.split()) <= 5 and not _SENTENCE_WORD.search(text) and not SALARY.search(text)
            and "\x00" not in text and not _DASH.search(text))


def _only_a_link(line: str) -> bool:
    return URL.search(line) is not None and not URL.sub("", line).strip(" -–—*•()[]:")


def _strip_quantity(text: str) -> str:
    text = text.strip()
    while (stripped := _QUANTITY.sub("", text)) != text:
        text = stripped
    return text.strip()


def _unique(roles: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for role in roles:
        if role.lower() not in seen:
            seen.add(role.lower())
            kept.append(role)
    return kept


def _cap(text: str) -> str:
    if len(text) <= MAX_TITLE_CHARS:
        return text
    return text[:MAX_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:-|") + "…"
