"""jobradar: measure the AI job market from public job postings."""

__version__ = "0.1.0"
