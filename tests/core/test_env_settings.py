from __future__ import annotations

import pytest

from sunshine.env import env_bool, env_int, env_list, env_str


def test_booleans_accept_the_usual_words(monkeypatch):
    for word, expected in [
        ("1", True),
        ("yes", True),
        ("on", True),
        ("0", False),
        ("off", False),
        ("", False),
    ]:
        monkeypatch.setenv("SUNSHINE_X", word)
        assert env_bool("SUNSHINE_X", not expected) is expected


def test_a_misspelt_boolean_is_refused_rather_than_guessed(monkeypatch):
    monkeypatch.setenv("SUNSHINE_X", "ture")
    with pytest.raises(ValueError, match="SUNSHINE_X"):
        env_bool("SUNSHINE_X", False)


def test_numbers_lists_and_defaults(monkeypatch):
    monkeypatch.setenv("SUNSHINE_N", "42")
    monkeypatch.setenv("SUNSHINE_L", "a.gov.cn, b.gov.cn,,")
    assert env_int("SUNSHINE_N", 1) == 42
    assert env_list("SUNSHINE_L", []) == ["a.gov.cn", "b.gov.cn"]
    assert env_str("SUNSHINE_UNSET_VALUE", "fallback") == "fallback"
    monkeypatch.setenv("SUNSHINE_N", "many")
    with pytest.raises(ValueError, match="whole number"):
        env_int("SUNSHINE_N", 1)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n", encoding="utf-8")
    monkeypatch.setenv("SUNSHINE_SECRET_FILE", str(secret))
    assert env_str("SUNSHINE_SECRET", "x") == "from-a-file"
