"""Benchmarks (`make bench`): measured here, never in tests."""
