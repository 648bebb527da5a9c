"""The AI term taxonomy: which words make a posting name AI, grouped into LABELS.md skill clusters.

Transparent on purpose: every skill a posting gets comes with the terms that matched it.
Acronyms match case-sensitively ("RAG" is retrieval-augmented generation, "rag" is not).
Patterns are RE2 syntax (no look-arounds), so one linear-time pass finds every term.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import re2

_TRAILING_JOINERS = re.compile(r"(?:\s*[,)]|\s+(?:and|or))+$", re.I)

# cluster -> [(term shown as evidence, regex)], regexes case-insensitive unless marked "(?-i:…)"
SKILL_TERMS: dict[str, list[tuple[str, str]]] = {
    "machine_learning": [
        ("machine learning", r"machine[\s-]learning|machine[\s-]learned"),
        ("ML", r"(?-i:\bML\b)"),
        ("scikit-learn", r"scikit[\s-]?learn|sklearn"),
        ("XGBoost", r"xgboost|lightgbm|catboost|gradient[\s-]boost(?:ing|ed)"),
        ("predictive models", r"predictive\s+(?:model(?:s|l?ing)?|analytics)|propensity\s+model"),
        ("statistical learning", r"statistical\s+learning"),
        ("supervised learning", r"(?:un|semi-?|self-?)?supervised\s+learning"),
        ("feature engineering", r"feature\s+engineering"),
        ("model training", r"(?:train(?:ing)?|fine-?tun(?:e|ing))\s+(?:ml\s+|machine[\s-]learning\s+)?models"),
        ("ML models", r"(?:ml|machine[\s-]learning|classification|forecasting|scoring)\s+models?"),
        ("aprendizaje automático", r"aprendizaje\s+autom[aá]tico|apprentissage\s+automatique|"
                                    r"maschinelles?\s+lernen|aprendizado\s+de\s+m[aá]quina"),
    ],
    "deep_learning": [
        ("deep learning", r"deep[\s-]learning|aprendizaje\s+profundo|apprentissage\s+profond"),
        ("neural networks", r"neural\s+net(?:work)?s?|r[ée]seaux?\s+de\s+neurones|redes\s+neuronales"),
        ("PyTorch", r"pytorch|torch\b"),
        ("TensorFlow", r"tensorflow|keras"),
        ("JAX", r"(?-i:\bJAX\b)"),
        ("transformers", r"transformer\s+(?:models?|architectures?)|hugging\s?face"),
        ("CNN", r"(?-i:\bCNNs?\b)|convolutional"),
    ],
    "nlp": [
        ("NLP", r"(?-i:\bNLP\b)|(?-i:\bNLU\b)"),
        ("natural language processing", r"natural[\s-]language\s+(?:processing|understanding)|"
                                        r"traitement\s+(?:automatique\s+)?du\s+langage|"
                                        r"procesamiento\s+(?:del?\s+)?lenguaje\s+natural"),
        ("text classification", r"text\s+classification|named[\s-]entity|entity\s+extraction|"
                                r"sentiment\s+analysis|information\s+extraction"),
    ],
    "computer_vision": [
        ("computer vision", r"computer\s+vision|machine\s+vision|vis(?:i[oó]n)\s+(?:por\s+)?"
                            r"(?:computador(?:a)?|artificial)|vision\s+par\s+ordinateur"),
        ("object detection", r"object\s+detection|image\s+(?:recognition|segmentation|"
                             r"classification)|semantic\s+segmentation|pose\s+estimation"),
        ("OpenCV", r"opencv"),
        ("perception models", r"perception\s+(?:models?|stack|systems?|algorithms?|pipelines?)"),
    ],
    "speech": [
        ("speech recognition", r"speech\s+recognition|speech[\s-]to[\s-]text|text[\s-]to[\s-]speech|"
                               r"speech\s+synthesis|voice\s+ai|spoken\s+language"),
        ("ASR", r"(?-i:\bASR\b)|(?-i:\bTTS\b)"),
    ],
    "generative_ai": [
        ("generative AI", r"generative\s+(?:ai|a\.i\.|models?)|gen[\s-]?ai\b|"
                          r"ia\s+g[ée]n[ée]rativ[ea]|generativ(?:e|en)\s+ki|ia\s+generativa"),
        ("LLM", r"(?-i:\bLLMs?\b)|large\s+language\s+models?|"
                r"grands?\s+mod[eè]les?\s+de\s+langage|modelos?\s+de\s+lenguaje"),
        ("foundation models", r"foundation\s+models?|frontier\s+models?|language\s+models?"),
        ("prompt engineering", r"prompt[\s-]engineer(?:ing)?|prompting|prompt\s+design"),
        ("RAG", r"(?-i:\bRAG\b)|retrieval[\s-]augmented"),
        ("AI agents", r"(?:ai|llm|autonomous)\s+agents?|agentic|multi-agent"),
        ("GPT", r"(?-i:\bGPT)(?:-?\d[\w.]*)?\b|openai\s+api|anthropic\s+api|claude\s+api"),
        ("LangChain", r"langchain|llamaindex|llama\s*index|langgraph"),
        ("embeddings", r"vector\s+(?:database|db|search|store)s?|embeddings?\s+models?|"
                       r"pinecone|weaviate|pgvector"),
        ("diffusion models", r"diffusion\s+models?|stable\s+diffusion"),
        ("vLLM", r"vllm|tensorrt-llm"),
    ],
    "reinforcement_learning": [
        ("reinforcement learning", r"reinforcement\s+learning|(?-i:\bRLHF\b)|(?-i:\bRL\b)|"
                                   r"policy\s+(?:gradient|optimi[sz]ation)|imitation\s+learning"),
    ],
    "recommender_systems": [
        ("recommender systems", r"recommend(?:er|ation)\s+(?:systems?|engines?|models?)|"
                                r"recommendations?\s+algorithms?|collaborative\s+filtering|"
                                r"learning[\s-]to[\s-]rank|ranking\s+models?|personali[sz]ation\s+models?"),
    ],
    "robotics_autonomy": [
        ("autonomous systems", r"autonomous\s+(?:vehicles?|driving|systems?|robots?|navigation|mobile)|"
                               r"self[\s-]driving|autonomy\s+(?:stack|software|systems?)"),
        ("SLAM", r"(?-i:\bSLAM\b)|motion\s+planning|sensor\s+fusion|robot(?:ic)?\s+learning|"
                 r"visual\s+odometry|localization\s+and\s+mapping"),
    ],
    "mlops": [
        ("MLOps", r"mlops|llmops|ml\s*ops|ml\s+platform|ml\s+infrastructure|ai\s+infrastructure|"
                  r"machine[\s-]learning\s+(?:platform|infrastructure)"),
        ("model serving", r"model\s+(?:serving|deployment|monitoring|registry|inference)|"
                          r"inference\s+(?:infrastructure|serving|engine|optimi[sz]ation|stack)|"
                          r"serving\s+(?:ml\s+|llms?\s+)?models"),
        ("MLflow", r"mlflow|kubeflow|sagemaker|vertex\s+ai|feature\s+store|triton\s+inference|"
                   r"weights\s*&\s*biases|ray\s+serve|azure\s+ml|databricks\s+ml"),
    ],
    "ai_governance": [
        ("AI governance", r"ai\s+(?:governance|ethics|safety|policy|policies|regulation|risk|"
                          r"compliance|assurance|audit)|responsible\s+ai|trustworthy\s+ai|"
                          r"(?:eu\s+)?ai\s+act\b|model\s+risk|algorithmic\s+(?:fairness|bias|"
                          r"accountability)|ai\s+alignment|red[\s-]teaming"),
    ],
    "ai_tools_use": [
        ("GitHub Copilot", r"copilot"),
        ("ChatGPT", r"chatgpt|chat\s+gpt"),
        ("Cursor", r"(?-i:\bCursor\b)\s*(?:,|and\b|or\b|\)|ide\b|editor\b|ai\b)"),
        ("Claude", r"(?-i:\bClaude\b)|(?-i:\bGemini\b)|midjourney|notion\s+ai|"
                   r"perplexity"),
        ("AI tools", r"ai[\s-](?:powered\s+)?(?:tools?|assistants?|coding\s+assistants?|"
                     r"(?:assisted|augmented)\s+(?:workflows?|development|coding|writing))|"
                     r"ai[\s-]assisted|(?:generative|gen)\s+ai\s+tools|outils?\s+d['’]ia|"
                     r"herramientas\s+de\s+ia|ki[\s-]tools"),
    ],
}

# Words that name AI without asking for a skill: enough for "mention", not for a cluster.
GENERIC_AI_TERMS: list[tuple[str, str]] = [
    ("AI", r"(?-i:\bA\.?I\b\.?)|artificial\s+intelligence"),
    ("IA", r"(?-i:\bIA\b)|intelligence\s+artificielle|intelig[eê]ncia\s+artificial|"
           r"inteligencia\s+artificial"),
    ("KI", r"(?-i:\bKI\b)|k[üu]nstliche[rn]?\s+intelligenz"),
    ("data science", r"(?-i:\bAI/ML\b)"),
]


class Occurrence(NamedTuple):
    """One taxonomy term found in a text."""

    offset: int
    skill: str | None
    words: str


@dataclass(frozen=True)
class TermMatch:
    """Taxonomy evidence for one text: the skill clusters found and the terms that matched each."""

    skills: dict[str, list[str]]
    generic: list[str]

    @property
    def names_ai(self) -> bool:
        return bool(self.skills or self.generic)

    def skill_terms(self) -> list[dict[str, object]]:
        return [{"skill": skill, "terms": terms} for skill, terms in self.skills.items()]


class Taxonomy:
    """Finds taxonomy terms in text with one compiled RE2 pass (a capture group per term)."""

    def __init__(
        self,
        skill_terms: dict[str, list[tuple[str, str]]] | None = None,
        generic_terms: list[tuple[str, str]] | None = None,
    ) -> None:
        self.skill_terms = SKILL_TERMS if skill_terms is None else skill_terms
        self.generic_terms = GENERIC_AI_TERMS if generic_terms is None else generic_terms
        self._entries: list[tuple[str | None, str]] = [
            (skill, term) for skill, terms in self.skill_terms.items() for term, _ in terms
        ] + [(None, term) for term, _ in self.generic_terms]
        patterns = [pattern for terms in self.skill_terms.values() for _, pattern in terms] + [
            pattern for _, pattern in self.generic_terms
        ]
        # compiled for UTF-8 bytes: the wrapper's str mode maps every offset back to characters,
        # which doubled the cost of a scan
        self._any = re2.compile((r"(?i)\b(?:" + "|".join(f"({p})" for p in patterns) + ")").encode())
        if self._any.groups != len(patterns):
            raise ValueError("taxonomy patterns must use only non-capturing groups (?:…)")
        # The scan looks for the same matches without capture groups: the wrapper's match object
        # carries a span per group, hundreds here, which made each occurrence cost ~10 µs.
        # Which term matched is then looked up: it is the first whose pattern matches exactly the
        # same bytes with the same kind of byte (word or not, for \b) either side, so it is
        # remembered under those three.
        self._any_span = re2.compile((r"(?i)\b(?:" + "|".join(f"(?:{p})" for p in patterns) + ")").encode())
        self._term_of: dict[tuple[bytes, bool, bool], int] = {}

    def occurrences(self, text: str) -> list[Occurrence]:
        """Every term occurrence in `text`: UTF-8 byte offset, skill cluster (None: generic AI
        word), and the words as written."""
        data = (text or "").encode("utf-8")
        found = []
        for match in self._any_span.finditer(data):
            start, end = match.span()
            words = data[start:end]
            key = (words, _is_word_byte(data[start - 1:start]), _is_word_byte(data[end:end + 1]))
            term = self._term_of.get(key)
            if term is None:
                term = self._any.match(data, start).lastindex - 1
                if len(self._term_of) >= _MAX_REMEMBERED:
                    self._term_of.clear()
                self._term_of[key] = term
            found.append(Occurrence(start, self._entries[term][0], words.decode("utf-8", "replace")))
        return found

    def summarise(self, *occurrence_lists: Sequence[Occurrence]) -> TermMatch:
        """The skill clusters and generic AI words of one or more texts' occurrences."""
        skills: dict[str, list[str]] = {}
        generic: list[str] = []
        seen: set[tuple[str | None, str]] = set()
        for occurrences in occurrence_lists:
            for occurrence in occurrences:
                snippet = _TRAILING_JOINERS.sub("", " ".join(occurrence.words.split()))
                key = (occurrence.skill, snippet.lower())
                if key not in seen:
                    seen.add(key)
                    (skills.setdefault(occurrence.skill, []) if occurrence.skill else generic).append(snippet)
        ordered = {skill: skills[skill] for skill in self.skill_terms if skill in skills}
        return TermMatch(skills=ordered, generic=generic)

    def match(self, text: str) -> TermMatch:
        """Skill clusters and generic AI words in `text`, each with the words as they appear."""
        return self.summarise(self.occurrences(text))


def _is_word_byte(byte: bytes) -> bool:
    """Whether RE2's \\b counts `byte` (one byte, or none at the text's ends) as a word character."""
    return byte == b"_" or byte.isalnum()


_MAX_REMEMBERED = 100_000  # distinct matched words remembered with their term

DEFAULT_TAXONOMY = Taxonomy()
