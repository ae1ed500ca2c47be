"""Settings for the test suite: production settings with a test secret and a fast password hasher."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Administrators need no second factor in the tests unless a test says so (tests/accounts/).
os.environ.setdefault("SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS", "0")

from sunshine.settings import *  # noqa: F403

# Argon2 stays configured for real use (tested); tests hash with MD5 for speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# An audit row written with a code that has no label in sunshine/core/audit_actions.py fails the test.
SUNSHINE_AUDIT_STRICT = True
# The generation of public content is kept in a file when the cache is in memory: one per test
# process, so that two runs at once (SQLite and PostgreSQL) do not move each other's on.
SUNSHINE_PUBLIC_GENERATION_FILE = os.path.join(
    tempfile.gettempdir(), f"sunshine-tests-{os.getpid()}.generation"
)
