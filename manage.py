#!/usr/bin/env python
"""Django's command-line utility for Sunshine (the same as the ``sunshine`` command)."""

from sunshine.manage import main

if __name__ == "__main__":
    main()
