"""Large synthetic data sets for benchmarks and load tests, written by ``manage.py generate``."""
