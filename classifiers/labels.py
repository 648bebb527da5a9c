"""The label vocabulary of LABELS.md (the codebook is the contract; this mirrors it)."""

from __future__ import annotations

LABEL_SET_VERSION = "2026-11"

AI_TIERS = ("core", "applied", "mention", "none")
AI_TIERS_IS_AI = frozenset({"core", "applied"})
ROLES = (
    "software_engineer", "ml_engineer", "research_scientist", "data_scientist", "data_engineer",
    "data_analyst", "infrastructure", "security", "qa", "hardware_engineer", "product_manager",
    "designer", "engineering_manager", "sales", "marketing", "customer_success", "operations",
    "finance", "people", "legal", "other",
)
SENIORITIES = ("intern", "entry", "mid", "senior", "lead", "manager", "director", "executive")
AI_SKILLS = (
    "machine_learning", "deep_learning", "nlp", "computer_vision", "speech", "generative_ai",
    "reinforcement_learning", "recommender_systems", "robotics_autonomy", "mlops", "ai_governance",
    "ai_tools_use",
)


def is_ai(ai_tier: str) -> bool:
    """The headline flag: an AI job is one whose tier is core or applied."""
    return ai_tier in AI_TIERS_IS_AI
