"""Read throughput through nginx with one gunicorn node against two, on loopback.

    sudo .venv/bin/python -m bench.cluster_bench [--bench-seconds 15] [--bench-connections 16]

Not one of ``bench/run.py``'s parts: it needs root and builds a whole cluster (its own PostgreSQL
primary and streaming replica, pgbouncer, two gunicorn nodes, nginx), which
``deploy/test_cluster.py`` does. This runs that script with ``--bench`` (and its failover run after
the measurement) and passes the options on; the figures go to ``bench/results/cluster-loopback.md``
and ``.json``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "deploy" / "test_cluster.py"


def main(argv: list[str]) -> int:
    return subprocess.call([sys.executable, str(SCRIPT), "--bench", *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
