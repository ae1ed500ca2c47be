"""Finding the system Chromium for the browser tests (nothing is downloaded)."""

from __future__ import annotations

import os
import shutil


def chromium_path() -> str | None:
    explicit = os.environ.get("SUNSHINE_CHROMIUM")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None
