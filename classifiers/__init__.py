"""Label postings per LABELS.md: transparent rules plus scikit-learn models, with their evidence."""
