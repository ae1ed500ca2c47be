"""Settings of the HTTP benchmark: the production settings, plus a minimal view to compare with."""

import os

from sunshine.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# BENCH_CACHE=no-pages: pages are rendered in full every time; the counts they show stay cached.
if os.environ.get("BENCH_CACHE") == "no-pages":
    SUNSHINE_PORTAL_CACHE_SECONDS = 0
