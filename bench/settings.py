"""Settings of the HTTP benchmark: the production settings, plus a minimal view to compare with."""

from sunshine.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
