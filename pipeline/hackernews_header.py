"""The header of a Hacker News "Who is hiring?" comment: its first line's fields, by what each is.

"Acme (YC S19) | ML Engineer, Data Engineer | Berlin, Germany | ONSITE | $150k": the company (the
first field, unless that is a place, a workplace, pay or an employment type), the fields naming
jobs, the places, the workplace and the employment type. Older comments separate fields with
dashes ("Acme - Austin, TX - Full-time") or commas ("Onfleet, San Francisco, On-site"); those
count as a header only when they read as one, not as a sentence. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import re2

from pipeline.geo import CA_PROVINCE_NAMES, CITIES, COUNTRIES, US_STATE_NAMES
from pipeline.location import parse_location, workplace_from_text

_JOB_NOUNS = (
    r"engineers?|engineering|engs?|developers?|devs?|programmers?|scientists?|researchers?|designers?|"
    r"architects?|managers?|directors?|leads?|head\s+of|vps?|cto|ceo|coo|cfo|cpo|ciso|(?:co-?)?founders?|"
    r"analysts?|administrators?|sysadmins?|devops|sres?|qa|sdets?|testers?|interns?|writers?|"
    r"recruiters?|marketers?|specialists?|consultants?|technicians?|associates?|coordinators?|"
    r"representatives?|reps?|advocates?|evangelists?|officers?|strategists?|hackers?|swes?|mles?|pms?|"
    r"accountants?|controllers?|counsel|lawyers?|paralegals?|artists?|animators?|editors?|producers?|"
    r"executives?|generalists?|operators?|physicists?|mathematicians?|chemists?|biologists?|nurses?|"
    r"physicians?|teachers?|instructors?|tutors?|trainers?|assistants?|owners?|experts?|mechanics?|"
    r"machinists?|technologists?|modell?ers?|statisticians?|economists?|quants?|traders?|"
    r"bookkeepers?|copywriters?|illustrators?|photographers?|member\s+of\s+(?:the\s+)?technical\s+staff|"
    r"chief\s+of\s+staff|chief\s+\w+\s+officer"
)
JOB_NOUN = re.compile(rf"\b(?:{_JOB_NOUNS})\b", re.I)
# The same words found by RE2 (linear time; Python's re tried ~150 alternatives at every word
# of a long line, ~30 µs a line). RE2's \b, \s and \w are ASCII-only: spelled out as Python's.
_WORD = r"[\pL\pN_]"
# every character for which str.isspace() holds
_SPACE = r"[\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
_JOB_NOUN_SCAN = re2.compile(
    rf"(?i)(?:^|[^\pL\pN_])(?:{_JOB_NOUNS})(?:$|[^\pL\pN_])".replace(r"\s", _SPACE).replace(r"\w", _WORD)
    .encode())


def has_job_noun(text: str) -> bool:
    """Whether `text` holds a job noun (JOB_NOUN.search, faster)."""
    return _JOB_NOUN_SCAN.search(text.encode("utf-8", "surrogatepass")) is not None


# words that make a field about the job even without a job noun ("FE/Fullstack Mid-Senior/Senior")
_JOB_QUALIFIER = re.compile(
    r"\b(?:full[\s-]?stack|back[\s-]?end|front[\s-]?end|fe|ios|android|senior|sr|junior|jr|principal|"
    r"founding|mid[\s-]?level)\b", re.I)
GENERIC = re.compile(r"\b(?:roles|positions|openings|jobs|opportunities|vacancies|hiring)\b", re.I)
_EMPLOYMENT = re.compile(
    r"\b(?:full[\s-]?time|part[\s-]?time|contract(?:or|ors)?|permanent|freelance|intern(?:s|ships?)?|"
    r"temporary|fte|ft|perm)\b", re.I)
SALARY = re.compile(r"[$€£]\s?\d|\d\s?[kK]\b|\b\d{2,3}[,.]\d{3}\b|\b(?:salary|comp|compensation|equity|ote)\b",
                     re.I)
_VISA = re.compile(r"\bvisas?\b|relocat|sponsor|\bh-?1b\b|citizen|clearance|green\s+card", re.I)
_NO_RECRUITERS = re.compile(r"\bno\s+(?:\w+\s+)?(?:recruiters|agencies)|recruiters?\s+(?:please\s+)?(?:don|need)", re.I)
_BULLET_SEPARATOR = re.compile(r"\s+[•·]\s+")  # "FreeWheel • New York City • ONSITE"
_NO_REMOTE = re.compile(r"\b(?:no|not|non)[\s-]+remote\b|\bremote\s+(?:is\s+)?not\b", re.I)
# a pipe inside a URL ("…/jobs?team=a|b") is part of it; a pipe followed by a space separates fields
URL = re.compile(r"(?:https?://|www\.)(?:[^\s|()\[\]<>\"]|\|(?=\S))+(?<![.,;:!?'])", re.I)
_CONTACT = re.compile(r"^(?:contact|apply|email|e-mail|website|web|info|details|more\s+info)\b|\S@\S", re.I)
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$", re.I)
_PLACEHOLDER = re.compile(r"\x00(\d+)\x00")
_DASHES = re.compile(r"\s+(?:-{1,3}|–|—)\s+|\s*(?:--|—)\s*")
_ROLE_AT_COMPANY = re.compile(r"^(?P<role>.+?)\s+(?:at|@)\s+(?P<company>\S.*)$", re.I)
_PLACE_NOISE = re.compile(
    r"\b(?:remote|hybrid|on-?site|in[\s-]office|only|ok|okay|friendly|preferred|based|area|greater|metro|"
    r"or|and|in|the|near|around|anywhere|downtown)\b", re.I)
_PLACE_TOKENS = re.compile(r"[,;/()|&+]|\s+(?:or|and)\s+|\s[-–—]\s")
_WIDE_AREAS = {"europe", "emea", "apac", "latam", "americas", "north america", "south america", "asia",
               "africa", "worldwide", "global", "eu", "oceania", "middle east", "nordics", "dach", "benelux"}
_KNOWN_PLACES = {*COUNTRIES, *CITIES, *US_STATE_NAMES, *CA_PROVINCE_NAMES, *_WIDE_AREAS}
_YC_BATCH = re.compile(r"\s*\((?:YC|Y\s*Combinator)(?:\b|[SWF]\d)[^)]*\)", re.I)



@dataclass(frozen=True)
class Header:
    """The fields of a comment's first line, by what each one is."""

    company: str | None
    roles: tuple[str, ...]
    locations: tuple[str, ...]
    workplace: str | None
    employment_type: str | None


def parse_header(line: str) -> Header | None:
    """The header fields of a first line ("Acme | Engineer | Berlin"), or None if it is prose."""
    urls: list[str] = []

    def mask(match: re.Match[str]) -> str:
        urls.append(match.group(0))
        return f"\x00{len(urls) - 1}\x00"

    masked = _BULLET_SEPARATOR.sub(" | ", URL.sub(mask, line))
    if "|" in masked:
        fields = split_outside_brackets(masked, "|")
        if len(first := _DASHES.split(fields[0])) >= 2 and all(
                _kind(part) in {"place", "workplace"} for part in first[1:]):
            fields[:1] = first  # "Acme - Remote | Seattle | London"
    elif len(masked) <= 150 and len(parts := _DASHES.split(masked)) >= 2:
        fields = parts
    elif len(masked) <= 100 and "," in masked and len(
            parts := split_outside_brackets(_PLACEHOLDER.sub(r", \g<0>", masked), ",")) >= 2:
        fields = _merge_places(parts)
    else:
        return None
    fields = [field.strip(" \t-–—,:") for field in fields]
    fields = [_PLACEHOLDER.sub(lambda m: urls[int(m.group(1))], field) for field in fields if field]
    if not fields:
        return None
    kinds = [_kind(field) for field in fields]
    if "|" not in masked and not _reads_as_header(fields, kinds):
        return None
    company_at = next((i for i, (field, kind) in enumerate(zip(fields, kinds, strict=True))
                       if kind == "other" and not workplace_of(field)), None)
    if kinds[0] not in {"place", "workplace", "salary", "employment"} and not (
            kinds[0] == "url" and URL.search(fields[0])):
        company_at = 0
    if company_at == 0 and (named := _ROLE_AT_COMPANY.match(fields[0])) and names_a_job(named["role"]):
        fields[:1], kinds[:1] = [named["company"], named["role"]], ["other", "role"]  # "Engineer at Acme"
    company = _company(fields[company_at]) if company_at is not None else None
    rest = [(field, kind) for i, (field, kind) in enumerate(zip(fields, kinds, strict=True)) if i != company_at]
    locations = [field for field, kind in rest if kind == "place"]
    if company_at is not None:  # "Qualcomm (San Diego, CA)"
        locations[:0] = [inner for inner in re.findall(r"\(([^)]*)\)", fields[company_at]) if _is_place(inner)]
    described = " ; ".join(URL.sub(" ", field) for field, kind in rest if kind != "url")
    employment = (_EMPLOYMENT.search(field) for field, kind in rest if kind not in {"role", "url"})
    return Header(
        company=company,
        roles=tuple(field for field, kind in rest if kind == "role"),
        locations=tuple(locations),
        workplace=workplace_of(described),
        employment_type=next((match.group(0) for match in employment if match), None),
    )


def _reads_as_header(fields: list[str], kinds: list[str]) -> bool:
    """Dash or comma fields that are a header, not a sentence: a short first field and, after it,
    a place, workplace, employment type, URL, pay, or a short job title; or a place alone."""
    if kinds[0] == "place":
        return True  # "Berlin, Germany", "Austin, TX - Acme"
    if len(fields) == 1 or len(fields[0].split()) > 6:
        return False
    return any(kind in {"place", "workplace", "employment", "url", "salary", "visa"}
               or (kind == "role" and has_job_noun(field) and len(field.split()) <= 6)
               for field, kind in zip(fields[1:], kinds[1:], strict=True))


def workplace_of(text: str) -> str | None:
    """remote / hybrid / onsite as header fields say it; "no remote" is onsite."""
    return workplace_from_text(_NO_REMOTE.sub(" onsite ", text))


def names_a_job(text: str) -> bool:
    plain = re.sub(r"\([^)]*\)", "", text)
    return has_job_noun(plain) and 1 <= len(plain.split()) <= 10


def _kind(field: str) -> str:
    """What a header field is: url, salary, visa, employment, role, place, workplace or other."""
    plain = URL.sub(" ", field).strip()
    if re.fullmatch(r"\((?P<inner>[^()]*)\)|\[(?P<inner2>[^\[\]]*)\]", plain):  # "(Remote)"
        plain = plain[1:-1].strip()
    if not plain or _DOMAIN.match(plain) or _CONTACT.search(plain):
        return "url"
    if _EMPLOYMENT.search(plain) and len(plain.split()) <= 5 and not has_job_noun(
            _EMPLOYMENT.sub(" ", plain)):
        return "employment"
    if SALARY.search(plain) and not has_job_noun(plain):
        return "salary"
    if _NO_RECRUITERS.search(plain):
        return "other"
    if has_job_noun(plain) or _JOB_QUALIFIER.search(plain) or GENERIC.search(plain):
        return "role"
    if _is_place(plain):
        return "place"
    if _VISA.search(plain):
        return "visa"
    if workplace_of(plain) and not _PLACE_NOISE.sub(" ", plain).strip(" ,;/-.()"):
        return "workplace"
    return "other"


def _is_place(text: str) -> bool:
    """Whether a field names places ("Berlin", "Remote (EU)", "NYC area"), not a name with its
    place in brackets ("Qualcomm (San Diego, CA)")."""
    outside = re.sub(r"\([^)]*\)", " ", text)
    if _PLACE_NOISE.sub(" ", outside).strip(" ,;/-.") and not _names_places(outside):
        return False
    return _names_places(text)


def _names_places(text: str) -> bool:
    place = parse_location(text)
    if place.country is not None or (place.city is None and place.region is not None):
        return True
    tokens = (_PLACE_NOISE.sub(" ", token).strip(" .-") for token in _PLACE_TOKENS.split(text))
    return any(re.sub(r"\s+", " ", token).lower() in _KNOWN_PLACES for token in tokens)


def _merge_places(parts: list[str]) -> list[str]:
    """Comma fields with each place whole again: "Acme, Austin, TX" → "Acme", "Austin, TX"."""
    merged: list[str] = []
    for part in parts:
        code = len(part.strip(" .")) == 2 and part.strip(" .").isupper()  # "Raleigh, NC"
        if merged and not _PLACEHOLDER.search(part) and _is_place(f"{merged[-1]}, {part.strip()}") and (
                code or (_is_place(merged[-1]) and (len(part.strip()) <= 3 or _is_place(part)))):
            merged[-1] = f"{merged[-1]}, {part.strip()}"
        else:
            merged.append(part)
    return merged


def _company(field: str) -> str | None:
    """The employer's name in a field: without its tagline ("Galaxy - The Cursor for SQL"), YC batch,
    links, or place in brackets."""
    name = _DASHES.split(_YC_BATCH.sub("", URL.sub("", field)))[0]
    name = re.sub(r"\(([^)]*)\)", lambda m: "" if not m.group(1).strip() or _is_place(m.group(1))
                  or _DOMAIN.match(m.group(1).strip()) else m.group(0), name)
    name = re.sub(r"\[\s*\]", "", name)
    name = re.sub(r"\s+(?:is\s+)?hiring\b.*$", "", name, flags=re.I).strip(" -–—:,;.")
    name = re.sub(r"\s{2,}", " ", name)
    return name if name and len(name) <= 80 and len(name.split()) <= 8 else None


def split_outside_brackets(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}" and depth > 0
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]
