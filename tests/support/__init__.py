"""Test support, apart from the product code: corpus generators and fixture helpers.

Imported by the tests and the benchmarks as `tests.support` (pytest puts the
project root on sys.path; the benchmarks do the same themselves).
"""
