"""Prefect flows: nightly runs, training, and the run report."""
