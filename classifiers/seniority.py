"""Seniority from the title (LABELS.md), with required years of experience breaking ties."""

from __future__ import annotations

import re

import re2

from classifiers.title_rules import first_job_title

_I = re.I
_INTERN = re.compile(r"\bintern(ship)?s?\b|\bco-?op\b|\bstagiaire\b|\bstage\b|\bpraktik|"
                     r"\bwerkstudent|\bbecari[oa]\b|\bpasant[ei]a?\b|\bestagi[aá]ri[oa]\b|"
                     r"\bsummer\s+(student|analyst|associate|law\s+clerk|clerk)\b|\bextern\b|"
                     r"\b(?:placement|working|summer)\s+student\b|\balternan(?:t|te|ce)\b|"
                     r"\bstudent\s+(?:nurse|researcher|assistant|worker|developer|engineer)\b", _I)
_EXECUTIVE = re.compile(r"\bchief\b|\b(?-i:C[A-Z]O)\b|\bCTO\b|\bCEO\b|\bCFO\b|\bCOO\b|\bSVP\b|"
                        r"\bEVP\b|\bco-?founder\b|\bfounder\b|\bpresident\b|\bvice[\s-]president\b|"
                        r"\bVP\b|\bmanaging\s+director\b|\bgeneral\s+counsel\b", _I)
_BANK_IC_VP = re.compile(r"\b(?:AVP|assistant\s+vice[\s-]president)\b|"
                         r"\b(?:vice[\s-]president|VP)\s*[,\-–—|/:]\s*(?:[\w&]+\s+){0,3}"
                         r"(?:engineer|developer|analyst|scientist|associate|specialist|"
                         r"architect|modell?er|programmer|administrator|consultant)", _I)
_ASSISTANT = re.compile(r"\bassistant\b", _I)  # "Executive Assistant", "Assistant to the CEO"
_DIRECTOR = re.compile(r"\bdirector\b|\bdirectora?\b|\bdirecteur|\bhead\s+of\b|\bhead,|"
                       r"\bleiter(in)?\b|\bresponsable\s+de\b|\bdiretor", _I)
_MANAGER = re.compile(r"\bmanager\b|\bmanagement\b|\bgerente\b|\bsupervisor\b|\bforeman\b|"
                      r"\bteam\s+leader\b|\bjef[ea]\s+de\b|\bcoordenador|\bcoordinador|"
                      r"\b(?:head|executive)\s+chef\b|\bteamleiter|\bresponsable\s+d['’]équipe", _I)
# "Manager" that names a job rather than people management (LABELS.md: judged as unmarked)
_JOB_MANAGER = re.compile(
    r"\b(product|account|project|program|programme|campaign|partnerships?|partner|"
    r"business\s+operations|community|content|social\s+media|category|brand|relationship|"
    r"success|territory|marketing|growth|lifecycle|release|delivery|case|client|channel|"
    r"portfolio|key\s+account|solutions?|implementation|customer\s+success|events?|payroll|"
    r"office|property|facilities|vendor|contract|risk|compliance|data|technical\s+account|"
    r"business\s+development|development|acquisition|communications|engagement|enablement|"
    r"relations|pricing|analytics|sourcing|merchandis\w*|localization|transformation)"
    r"(\s+\w+)?\s+manager\b", _I)
_LEAD = re.compile(r"\blead\b|\bstaff\b|\bprincipal\b|\bdistinguished\b|\bfellow\b|"
                   r"\btech\s+lead\b|\bleitend|\bl[ií]der\b", _I)
_NOT_LEAD = re.compile(r"member\s+of\s+(the\s+)?technical\s+staff|\bstaff\s+(accountant|nurse|"
                       r"writer|auditor|pharmacist|attorney|physician|assistant)\b|"
                       r"\blead\s+(generation|gen)\b", _I)
_ARCHITECT = re.compile(r"\barchitect\b", _I)
_SENIOR = re.compile(r"\bsenior\b|\bsr\b\.?|\bsnr\b|\bs[ée]nior\b|\bexperienced\b|"
                     r"\b(?:III|IV)\b|\blevel\s*(?:3|4)\b|\bL[45]\b", 0)
_SENIOR_I = re.compile(r"\bsenior\b|\bsr\.?(?=\s)|\bsnr\b|\bs[ée]nior\b|\bexperienced\b", _I)
_ENTRY = re.compile(r"\bjunior\b|\bjr\b\.?|\bgraduate\b|\bgrad\b|\bnew\s+grad|\bentry[\s-]level\b|"
                    r"\bassociate\b|\btrainee\b|\bapprentice|\bjunior\b|\bdébutant|\bjúnior\b", _I)
_LEVEL_I = re.compile(r"(?<![\w-])(?:I|1)\s*$|\b(?:I|1)\s*[(,\-–]|\blevel\s*1\b")
_LEVEL_II = re.compile(r"(?<![\w-])(?:II|2)\s*$|\b(?:II)\s*[(,\-–]|\blevel\s*2\b|\bmid[\s-]level\b|"
                       r"\bintermediate\b", _I)
# The description scans run on every unmarked title, so they use RE2 over UTF-8 bytes (linear
# time; Python's re took ~0.2 ms on a long posting).
_YEARS = re2.compile(
    r"(?i)(\d{1,2})\s*(?:\+|(?:-|–|to)\s*(\d{1,2}))?\s*\+?\s*(?:years?|yrs?|ans|años|anos|jahre)".encode())
_EXPERIENCE = re.compile(r"experien|expérience|experiencia|experiência|erfahrung|background|working|"
                         r"track|building|running|shipping|writing|developing|designing|leading|"
                         r"managing|selling|in\s+(?:a|an|the)\s", _I)
_NEW_GRAD = re2.compile((r"(?i)new\s+grads?\b|recent\s+graduates?|graduates?\s+welcome|"
                         r"no\s+(?:prior\s+|previous\s+)?experience\s+(?:is\s+)?(?:required|needed|necessary)|"
                         r"0\s*[-–]\s*[12]\s+years|entry[\s-]level\s+(?:role|position|job)|"
                         r"(?:full|paid)\s+training\s+(?:is\s+)?provided|we\s+will\s+train\s+you").encode())
_NOT_A_REQUIREMENT = re.compile(r"\s*(?:old|ago|of\s+(?:history|age)|in\s+business)", _I)
_STATED = re.compile(r"at\s+least|minimum|min\.|over|more\s+than", _I)


def seniority_from_title(title: str, description: str = "") -> tuple[str, str]:
    """(seniority, evidence): the title decides; without a marker, required years break the tie.
    A title listing several jobs is judged by its first job."""
    title = " ".join(first_job_title(title or "").split())
    if found := _INTERN.search(title):
        return "intern", found.group(0)
    if found := _BANK_IC_VP.search(title):
        return "senior", found.group(0)
    if (found := _EXECUTIVE.search(title)) and not _ASSISTANT.search(title):
        return "executive", found.group(0)
    if found := _DIRECTOR.search(title):
        if not re.search(r"\bassociate\s+director|\bassistant\s+director", title, _I):
            return "director", found.group(0)
        return "manager", found.group(0)
    manager = _MANAGER.search(title)
    if manager and not _JOB_MANAGER.search(title):
        return "manager", manager.group(0)
    lead = _LEAD.search(title)
    if lead and not _NOT_LEAD.search(title):
        return "lead", lead.group(0)
    architect = _ARCHITECT.search(title)
    if architect and _SENIOR_I.search(title):
        return "lead", f"{_SENIOR_I.search(title).group(0)} {architect.group(0)}"
    if found := (_SENIOR_I.search(title) or _SENIOR.search(title)):
        return "senior", found.group(0)
    if found := _ENTRY.search(title):
        return "entry", found.group(0)
    if found := _LEVEL_I.search(title):
        return "entry", f"level {found.group(0).strip()}"
    if found := _LEVEL_II.search(title):
        return "mid", found.group(0).strip()
    return _from_years(description)


def _from_years(description: str) -> tuple[str, str]:
    """Required experience: the largest minimum among "N+ years … experience" phrases
    (a requirement list names several; the job needs the largest). 5+ → senior;
    under 2, or a range that ends by 2, or "new grad" → entry; otherwise mid."""
    data = (description or "").encode("utf-8")
    if found := _NEW_GRAD.search(data):
        return "entry", found.group(0).decode("utf-8", "replace")
    required: list[tuple[int, int | None]] = []
    for match in _YEARS.finditer(data):
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) else None
        after = data[match.end():match.end() + 60].decode("utf-8", "ignore")
        before = data[max(0, match.start() - 15):match.start()].decode("utf-8", "ignore")
        stated = b"+" in match.group(0) or high is not None or _STATED.search(before)
        if low <= 30 and (stated or _EXPERIENCE.search(after)) and not _NOT_A_REQUIREMENT.match(after):
            required.append((low, high))
    if required:
        low, high = max(required, key=lambda pair: pair[0])
        if low >= 5:
            return "senior", f"{low}+ years required"
        if low < 2 or (high is not None and high <= 2):
            return "entry", f"{low}{'-' + str(high) if high else '+'} years required"
    return "mid", "no level marker"
