"""Benchmarks of Sunshine: ``python -m bench.run`` (``make bench``). See bench/README.md."""
