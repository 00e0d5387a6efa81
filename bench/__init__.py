"""Benchmarks that print figures (ratios measured in one run), not pass/fail tests.

Run them all with `make bench` (`python -m bench`), or some with `python -m bench engine`.
"""
