"""Normalise raw API responses into postings of one schema, and store them as Parquet."""
