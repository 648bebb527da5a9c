"""Employment types mapped to one vocabulary."""

from __future__ import annotations

import re

EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "temporary", "internship", "other")

_RULES = [
    ("internship", r"intern|praktik|stage\b|stagiaire|pasant|est[aá]gio|trainee|apprentice|werkstudent|"
                   r"working student|alternan"),
    ("part_time", r"part[\s_-]?time|parttime|teilzeit|temps partiel|media jornada|meio per[ií]odo"),
    ("temporary", r"\btemp|seasonal|fixed[\s-]?term|\bcdd\b|(?<!un)befristet|casual|interim"),
    ("contract", r"contract|freelanc|consultant|contractor|self[\s-]employed|b2b|\bpj\b"),
    ("full_time", r"full[\s_-]?time|fulltime|permanent|regular|\bcdi\b|vollzeit|unbefristet|tiempo completo|"
                  r"indefinido|temps plein|integral|salaried"),
]
_COMPILED = [(kind, re.compile(pattern, re.I)) for kind, pattern in _RULES]


def normalise_employment_type(value: str | None) -> str | None:
    """"FullTime", "Full-time", "CDI", "Permanent" → full_time; unknown text → other; empty → None."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return "other"
