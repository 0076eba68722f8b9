"""Benchmarks and audits; every figure goes to reports/benchmarks.json."""
