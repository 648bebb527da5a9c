"""Short descriptions of each ai_tier and role, written from the codebook (LABELS.md), for the
zero-shot embedding baseline: a posting gets the label whose description its embedding is nearest.

Written once from the codebook's tables, never adjusted to the gold set.
"""

from __future__ import annotations

AI_TIER_DESCRIPTIONS: dict[str, str] = {
    "core": "A job that creates, trains, evaluates, researches or serves AI and machine learning "
            "models, or builds infrastructure for them: machine learning engineer, AI research "
            "scientist, applied scientist, MLOps engineer, computer vision or NLP engineer, LLM "
            "training or inference engineer, data scientist building predictive models.",
    "applied": "A job centred on AI that does not create models: building products on top of LLMs "
               "and AI APIs (RAG, agents, prompt engineering), or managing, selling, consulting on, "
               "governing or evaluating AI systems: AI product manager, AI solutions architect, "
               "account executive selling an AI product, AI consultant, AI trainer or annotator.",
    "mention": "An ordinary job where AI is not central: it uses AI tools such as Copilot or "
               "ChatGPT as productivity aids, lists AI familiarity as a nice-to-have, or mentions "
               "AI only in the company description.",
    "none": "An ordinary job with no artificial intelligence, machine learning or models in it.",
}

ROLE_DESCRIPTIONS: dict[str, str] = {
    "software_engineer": "Software engineer: backend, frontend, full-stack, mobile, embedded or "
                         "firmware software, game developer, forward-deployed engineer.",
    "ml_engineer": "Machine learning engineer or AI engineer, MLOps, ML platform, applied scientist "
                   "shipping models, computer vision, NLP or speech engineer.",
    "research_scientist": "Research scientist or research engineer in AI, machine learning or "
                          "computer science research.",
    "data_scientist": "Data scientist, statistician, quantitative modeller, decision scientist.",
    "data_engineer": "Data engineer, analytics engineer, data platform, ETL pipelines, data architect.",
    "data_analyst": "Data analyst, BI analyst, business, product or marketing analyst, reporting.",
    "infrastructure": "DevOps, site reliability engineer, platform or cloud engineer, systems or "
                      "network administrator, IT support and operations, database administrator.",
    "security": "Security engineer, security operations, application security, technical GRC.",
    "qa": "QA engineer, test engineer, test automation.",
    "hardware_engineer": "Electrical, mechanical or hardware engineer, chip, ASIC or FPGA design, "
                         "robotics hardware, manufacturing engineering.",
    "product_manager": "Product manager, product owner, technical product manager.",
    "designer": "UX, UI, product, visual or brand designer, UX researcher, content designer.",
    "engineering_manager": "Engineering manager, head, director or VP of engineering, CTO, "
                           "tech lead manager.",
    "sales": "Account executive, sales development representative, sales engineer, pre-sales "
             "solutions architect, partnerships, business development.",
    "marketing": "Product, growth, content, brand or performance marketing, communications, PR, "
                 "developer relations, community.",
    "customer_success": "Customer success, customer support, account management after the sale, "
                        "implementation, onboarding, professional services.",
    "operations": "Business operations, strategy, program or project management, management "
                  "consulting, supply chain, office administration, executive assistant.",
    "finance": "Finance, accounting, FP&A, tax, treasury, payroll.",
    "people": "HR, recruiting, talent acquisition, people operations, learning and development.",
    "legal": "Legal counsel, paralegal, compliance, privacy, public policy.",
    "other": "Other jobs: healthcare, nursing, teaching, skilled trades, retail, hospitality, "
             "driving, writing and editing.",
}

DESCRIPTIONS: dict[str, dict[str, str]] = {"ai_tier": AI_TIER_DESCRIPTIONS, "role": ROLE_DESCRIPTIONS}
