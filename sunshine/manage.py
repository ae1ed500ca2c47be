"""Entry point of ``manage.py`` and of the ``sunshine`` operator command."""

from __future__ import annotations

import os
import sys

# Operator commands spelled with hyphens on the ``sunshine`` command line: ``sunshine publish-static DIR``.
ALIASES = {"publish-static": "publish_static"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sunshine.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
