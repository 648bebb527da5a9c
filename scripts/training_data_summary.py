"""Print the label counts of the bundled training data as Markdown (for docs/training-data.md).

Usage: .venv/bin/python scripts/training_data_summary.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from classifiers.labels import AI_SKILLS, AI_TIERS, ROLES, SENIORITIES  # noqa: E402
from classifiers.training_data import bundled_files, load_examples  # noqa: E402
from jobradar.demo.corpus import training_examples  # noqa: E402


def main() -> None:
    chunks: dict[str, list] = {"demo": training_examples()}
    extra: dict[str, Counter] = {}
    for path in bundled_files():
        chunk = path.stem.split("-")[0]
        chunks.setdefault(chunk, []).extend(load_examples(path))
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            extra.setdefault(chunk, Counter())[(record.get("language", "en"), record.get("style"))] += 1
    everything = [e for examples in chunks.values() for e in examples]
    print("| chunk | postings | core | applied | mention | none | languages | styles |")
    print("|---|---|---|---|---|---|---|---|")
    for chunk, examples in chunks.items():
        tiers = Counter(e.ai_tier for e in examples)
        languages = Counter()
        styles = Counter()
        for (language, style), count in extra.get(chunk, Counter({("en", "ats"): len(examples)})).items():
            languages[language] += count
            styles[style] += count
        print(f"| {chunk} | {len(examples)} | " + " | ".join(str(tiers[t]) for t in AI_TIERS)
              + f" | {', '.join(f'{k} {v}' for k, v in languages.most_common())}"
              + f" | {', '.join(f'{k} {v}' for k, v in styles.most_common())} |")
    tiers = Counter(e.ai_tier for e in everything)
    print(f"| **all** | **{len(everything)}** | " + " | ".join(f"**{tiers[t]}**" for t in AI_TIERS) + " | | |")
    for name, values, key in (("role", ROLES, "role"), ("seniority", SENIORITIES, "seniority")):
        counts = Counter(getattr(e, key) for e in everything)
        print(f"\n{name}: " + ", ".join(f"{v} {counts[v]}" for v in values))
    skills = Counter(s for e in everything for s in e.ai_skills)
    print("\nai_skills: " + ", ".join(f"{s} {skills[s]}" for s in AI_SKILLS))


if __name__ == "__main__":
    main()
