"""Who is calling the API: a bearer token (checked by the accounts app, which issues them), or a
signed-in staff session (with CSRF)."""

from __future__ import annotations

from ninja.security import SessionAuth

from sunshine.accounts.api import BearerToken


class StaffSession(SessionAuth):
    pass


staff_auth = [BearerToken(), StaffSession()]
