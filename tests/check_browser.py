"""Says plainly, before the suite runs, whether the browser tests will run."""

from tests.browser_support import chromium_path

if __name__ == "__main__":
    path = chromium_path()
    if path:
        print(f"Browser tests: Chromium found at {path}; they will run.")
    else:
        print(
            "Browser tests: Chromium NOT found, so the browser tests will be skipped. "
            "Install it with `apt-get install chromium` (CI does) to run them."
        )
