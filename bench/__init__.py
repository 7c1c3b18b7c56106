"""Benchmarks that print JSON. Run with ``python -m bench ingest`` or ``python -m bench digest``."""
