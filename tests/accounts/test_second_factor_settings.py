"""SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS: on in production (DEBUG off), off in the demo (DEBUG=1),
and either way as the operator sets it. Each case in a fresh interpreter, as an operator starts it."""

from __future__ import annotations

import pytest

from tests.core.test_deploy_settings import production_environment, run

READ = "from django.conf import settings; print(settings.SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS)"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, "True"),
        ({"DEBUG": "1"}, "False"),
        ({"SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS": "0"}, "False"),
        ({"DEBUG": "1", "SUNSHINE_REQUIRE_TOTP_FOR_ADMINISTRATORS": "1"}, "True"),
    ],
)
def test_administrators_must_have_a_second_factor_in_production_unless_the_operator_says_otherwise(
    overrides, expected
):
    result = run(["-c", READ], production_environment(**overrides))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
