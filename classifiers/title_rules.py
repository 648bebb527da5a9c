"""Transparent title patterns for role (LABELS.md's role table).

They are evidence, not the verdict: the role model takes the matched rule as a feature, and weak
supervision uses them to label collected postings. The job named first in the title wins (a
Hacker News title lists several jobs; LABELS.md labels the first), and within its phrase the
words that end last, its head ("Supply Chain Data Analyst" is an analyst); at the same position
the pattern listed first wins, so more specific patterns come first ("Developer Advocate" is
marketing, listed before software's "developer"), and a pattern for a compound name includes its
head noun ("Key Account Manager" is sales, not customer success's "account manager").
"""

from __future__ import annotations

import re2

ROLE_PATTERNS: list[tuple[str, str]] = [
    ("engineering_manager", r"engineering\s+manager|manager,?\s+(?:of\s+)?(?:software\s+)?engineering|"
                            r"head\s+of\s+(?:software\s+)?engineering|director,?\s+(?:of\s+)?(?:software\s+)?engineering|"
                            r"(?:vp|vice\s+president),?\s+(?:of\s+)?engineering|\bcto\b|chief\s+technology\s+officer|"
                            r"development\s+manager|tech(?:nical)?\s+lead\s+manager|engineering\s+director"),
    ("sales", r"account\s+executive|\bsdr\b|\bbdr\b|sales\s+(?:engineer|development|representative|executive|"
              r"manager|director|lead|associate|specialist)|pre-?sales|solutions?\s+engineer|"
              r"business\s+development(?:\s+(?:manager|representative|executive|lead|director))?|\bsales\b|"
              r"partnerships?\s+(?:manager|lead)|ejecutivo\s+de\s+ventas|"
              r"vendedor|vertrieb|ingénieur\s+d['’]affaires|key\s+account(?:\s+manager)?"),
    ("ml_engineer", r"machine[\s-]learning\s+(?:engineer|developer)|"
                    r"\bml\s*(?:ops|engineer|platform|infrastructure)(?:\s+engineer)?|"
                    r"\bmle\b|\bmlops(?:\s+engineer)?\b|\b(?:ai|ai/ml|ml/ai)\s+engineer|deep\s+learning\s+engineer|"
                    r"computer\s+vision\s+engineer|\bnlp\s+engineer|speech\s+engineer|perception\s+engineer|"
                    r"applied\s+scientist|engenheiro\s+de\s+machine\s+learning|ingeniero\s+de\s+machine\s+learning|"
                    r"ingénieur\s+machine\s+learning"),
    ("research_scientist", r"research\s+(?:scientist|engineer)|\b(?:ai|ml)\s+researcher|"
                           r"machine\s+learning\s+researcher|chercheur|investigador"),
    ("data_scientist", r"data\s+scien|operations\s+research(?:\s+(?:scientist|analyst|engineer))?|"
                       r"statistician|decision\s+scientist|"
                       r"quantitative\s+(?:analyst|modell?er|researcher)|"
                       r"cient[ií]fic[oa]\s+de\s+datos|cientista\s+de\s+dados"),
    ("data_engineer", r"data\s+engineer|analytics\s+engineer|data\s+platform(?:\s+engineer)?|"
                      r"\betl\b(?:\s+developer)?|data\s+architect|"
                      r"data\s+warehouse(?:\s+(?:developer|engineer|architect))?|big\s+data\s+engineer|"
                      r"ingeniero\s+de\s+datos|engenheiro\s+de\s+dados|"
                      r"ingénieur\s+data|dateningenieur"),
    ("data_analyst", r"data\s+analyst|\bbi\s+(?:analyst|developer)|business\s+intelligence|business\s+analyst|"
                     r"product\s+analyst|marketing\s+analyst|reporting\s+analyst|insights\s+analyst|analytics\s+analyst|"
                     r"analista\s+de\s+datos|analista\s+de\s+dados|datenanalyst"),
    ("security", r"security\s+(?:engineer|analyst|architect|operations|specialist)|application\s+security|appsec|"
                 r"penetration\s+test(?:er|ing)?|pentest(?:er)?|cyber\s?security|information\s+security|\bsoc\s+analyst|\bciso\b|"
                 r"\bgrc\b"),
    ("qa", r"\bqa\b|quality\s+assurance\s+(?:engineer|analyst|tester)|test\s+(?:automation\s+)?engineer|\bsdet\b|"
           r"software\s+tester|game\s+tester|\btester\b"),
    ("infrastructure", r"devops|site\s+reliability|\bsre\b|platform\s+engineer|cloud\s+(?:engineer|architect)|"
                       r"infrastructure\s+engineer|system(?:s)?\s+administrator|sysadmin|network\s+(?:engineer|administrator)|"
                       r"it\s+support(?:\s+(?:engineer|specialist|technician|analyst))?|help\s?desk|service\s+desk|"
                       r"desktop\s+support(?:\s+(?:engineer|specialist|technician|analyst))?|database\s+administrator|\bdba\b|"
                       r"it\s+operations|it\s+technician|it\s+specialist"),
    ("hardware_engineer", r"electrical\s+engineer|mechanical\s+engineer|hardware\s+engineer|\basic\b|\bfpga\b|\brtl\b|"
                          r"silicon|manufacturing\s+engineer|mechatronics|\bpcb\b|design\s+verification|"
                          r"electronics\s+engineer|controls\s+engineer|ingeniero\s+mec[aá]nico|maschinenbau|"
                          r"hardware\w*"),
    ("product_manager", r"product\s+(?:manager|owner|lead)|head\s+of\s+product|\bvp,?\s+(?:of\s+)?product\b|"
                        r"chief\s+product\s+officer|technical\s+product\s+manager|chef\s+de\s+produit|"
                        r"product\s+management|produktmanager|gerente\s+de\s+producto"),
    ("designer", r"designer|product\s+design\b|\bux\b|\bui\b|user\s+research|design\s+lead|head\s+of\s+design|"
                 r"diseñador|gestalter"),
    ("marketing", r"marketing|growth|brand\s+(?:manager|lead)|communications|public\s+relations|\bpr\s+|"
                  r"developer\s+(?:relations|advocate)|devrel|community\s+manager|social\s+media|\bseo\b|"
                  r"content\s+(?:strategist|marketing|marketer)|mercadeo"),
    ("software_engineer", r"software\s+(?:engineer|developer|development)|developer|programmer|\bbackend\b|back-end|"
                          r"front-?end|full[\s-]?stack|mobile\s+engineer|\bios\b|android|web\s+developer|"
                          r"embedded\s+software|firmware|forward[\s-]deployed|\bswe\b|desarrollador|développeur|"
                          r"entwickler|engenheiro\s+de\s+software|ingeniero\s+de\s+software|ingénieur\s+logiciel|"
                          r"member\s+of\s+technical\s+staff|founding\s+engineer|prompt\s+engineer"),
    ("customer_success", r"customer\s+(?:success|support|service|experience|care)|client\s+(?:success|services)|"
                         r"support\s+(?:engineer|specialist|agent|representative|associate)|account\s+manager|"
                         r"implementation|onboarding|professional\s+services|technical\s+account\s+manager|"
                         r"atención\s+al\s+cliente|kundenservice|service\s+client"),
    ("finance", r"accountant|accounting|\bfinance\b|financial\s+(?:analyst|controller|planning|reporting)|fp&a|"
                r"\bcontroller\b|\btax\b|treasury|payroll|bookkeep|"
                r"auditor|accounts\s+(?:payable|receivable)|comptable|contador|contable|buchhalt|finanz|"
                r"contabilidad|controlling"),
    ("people", r"recruit|talent\s+acquisition|sourcer|human\s+resources|\bhr\b|"
               r"people\s+(?:partner|operations|ops|team)|"
               r"hrbp|learning\s+and\s+development|\bl&d\b|compensation|benefits\s+(?:specialist|manager)|"
               r"head\s+of\s+people|recursos\s+humanos|ressources\s+humaines|personal(?:referent|wesen)"),
    ("legal", r"counsel|lawyer|attorney|paralegal|\blegal\b|compliance|privacy|public\s+policy|regulatory|"
              r"abogad|avocat|jurist|juridique|jurídic"),
    ("operations", r"operations|chief\s+of\s+staff|supply\s+chain|procurement|program(?:me)?\s+manager|"
                   r"project\s+manager|office\s+manager|executive\s+assistant|administrative|strategy|"
                   r"management\s+consult|general\s+manager|\bcoo\b|chief\s+operating|logistics\s+(?:manager|coordinator)|"
                   r"buyer|planner|opera[cç][õo]es|operaciones"),
]
_ROLES = [role for role, _ in ROLE_PATTERNS]
# One RE2 pattern, a capture group per role: a search finds the leftmost match, and at the same
# position the role listed first above (so list "developer advocate" before "developer").
_ANY = re2.compile(("(?i)" + "|".join(f"({pattern})" for _, pattern in ROLE_PATTERNS)).encode())
_ANY_SPAN = re2.compile(("(?i)" + "|".join(f"(?:{pattern})" for _, pattern in ROLE_PATTERNS)).encode())
if _ANY.groups != len(ROLE_PATTERNS):
    raise ValueError("role patterns must use only non-capturing groups (?:…)")


# Where the first job's phrase ends: a list or field separator, a bracket, a dash between spaces,
# or a word that starts a qualifier ("Chief of Staff to the CTO", "Engineer for ML Platform").
_PHRASE_END = re2.compile(rb"(?i)\s*[,|(\[:;/\x{2013}\x{2014}]|\s-\s|\s(?:to|for|at|with|in|on|and|&|y|et|und|e)\s")


def role_from_title(title: str) -> tuple[str, str] | None:
    """(role, matched words) of the job named first in the title, or None.

    Within that job's phrase the last job words win, as the head of an English title comes
    last: "Supply Chain Data Analyst" is an analyst, "Growth Product Manager" a product manager,
    "Data Engineering Manager" a manager. Of two matches ending together the earlier wins
    ("ML Platform Engineer" is ML, not platform)."""
    text = (title or "").encode("utf-8")
    first = _ANY.search(text)
    if first is None:
        return None
    stop = _PHRASE_END.search(text, first.end())
    limit = stop.start() if stop else len(text)
    head, position = None, first.start() + 1
    # later matches are looked for without capture groups (several times faster in RE2); only
    # the head, if it is not the first, is matched again to learn its role
    while position < limit and (found := _ANY_SPAN.search(text, position, limit)) is not None:
        if found.end() > (head or first).end():
            head = found
        position = found.start() + 1
    best = first if head is None else _ANY.match(text, head.start(), limit)
    return _ROLES[best.lastindex - 1], best.group(0).decode("utf-8", "replace")


def first_job_title(title: str) -> str:
    """The part of a Hacker News-style title that names its first job: in "Acme | Prompt
    Engineer, Senior Frontend Engineer | Remote", "Prompt Engineer" (LABELS.md labels a
    multi-job posting by its first job). Titles without "|" are returned whole."""
    if not title or "|" not in title:
        return title or ""
    segments = [segment.strip() for segment in title.split("|")]
    with_job = next((segment for segment in segments if role_from_title(segment)), None)
    if with_job is None:
        return title
    return with_job.split(",")[0].strip()
