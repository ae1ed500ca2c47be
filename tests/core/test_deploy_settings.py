"""The production settings, as an operator starts them: each case runs in a fresh interpreter.

The test process itself runs ``tests.settings`` (a test secret, plain HTTP, a fast hasher) and has
exported some of those values to the environment, so the subprocesses get a clean environment
with only what an operator would set.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Nothing but the basics of the test process's environment reaches the subprocess.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def production_environment(**overrides: str) -> dict[str, str]:
    env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="sunshine.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.gov.cn",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(overrides)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_deploy_check_passes_without_warnings_in_production():
    env = production_environment()

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "no issues" in output


def test_the_demo_app_is_installed_unless_switched_off():
    installed = "from django.conf import settings; print('sunshine.demo' in settings.INSTALLED_APPS)"

    assert run(["-c", installed], production_environment()).stdout.strip() == "True"
    assert run(["-c", installed], production_environment(SUNSHINE_DEMO_APP="0")).stdout.strip() == "False"


def test_without_the_demo_app_the_site_checks_clean_and_the_demo_commands_are_gone():
    env = production_environment(SUNSHINE_DEMO_APP="0")

    check = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    commands = run(["manage.py", "help", "--commands"], env)

    assert check.returncode == 0, check.stdout + check.stderr
    assert commands.returncode == 0, commands.stderr
    listed = commands.stdout.split()
    assert "migrate" in listed
    assert not {"demo_data", "demo_records", "demo_requests", "generate"} & set(listed)


def test_debug_is_off_when_unset():
    env = production_environment()

    result = run(["-c", "from sunshine import settings; print(settings.DEBUG)"], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_refuses_to_start_with_the_demo_secret():
    env = production_environment(DEBUG="0")
    del env["SECRET_KEY"]

    result = run(["manage.py", "check"], env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is the demo secret" in result.stderr


def test_the_demo_secret_named_explicitly_is_refused_too():
    env = production_environment(DEBUG="0", SECRET_KEY="sunshine-demo-secret-key-never-use-in-production")

    result = run(["manage.py", "check"], env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_hashes_passwords_with_argon2_first():
    env = production_environment()

    result = run(["-c", "from sunshine import settings; print('\\n'.join(settings.PASSWORD_HASHERS))"], env)

    assert result.returncode == 0, result.stderr
    hashers = result.stdout.split()
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "MD5PasswordHasher" not in result.stdout


def test_the_secret_can_come_from_a_file(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-a-file-" + secrets.token_urlsafe(40) + "\n", encoding="utf-8")
    env = production_environment(SECRET_KEY_FILE=str(secret_file))
    del env["SECRET_KEY"]

    result = run(["-c", "from sunshine import settings; print(settings.SECRET_KEY)"], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("from-a-file-")
