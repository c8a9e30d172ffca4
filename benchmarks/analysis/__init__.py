"""Helpers for benchmarks/bench_analysis.py."""
