"""``import_staff``: staff accounts from a file, created or updated by username, with their roles.

Columns: username, name, email, agency_code, roles (role codes separated by ";"). A new account has no
usable password: its holder gets an invitation e-mail with a link to choose one. An existing account
keeps its password; its name and e-mail follow the file, the roles listed are granted (roles it holds
and the file does not list are kept), and it is invited again only with ``reinvite``. One person with
roles in several agencies takes one row per agency, with the same name and e-mail on each.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from sunshine.agencies import services
from sunshine.agencies.models import Agency, Membership, Role
from sunshine.agencies.selectors import agencies_for_staff, can_administer
from sunshine.core import audit
from sunshine.core.messaging import SendFailed
from sunshine.onboarding.invitations import send_invitation
from sunshine.onboarding.reader import Columns, SourceRow
from sunshine.onboarding.results import Applied, Outcome, Problem, RowProblem
from sunshine.onboarding.runner import Importer, Planned

log = logging.getLogger(__name__)

ROLE_SEPARATORS = (";", "；")
NAME_MAX_LENGTH = 150


def split_roles(text: str) -> list[str]:
    for separator in ROLE_SEPARATORS[1:]:
        text = text.replace(separator, ROLE_SEPARATORS[0])
    return list(
        dict.fromkeys(part.strip().lower() for part in text.split(ROLE_SEPARATORS[0]) if part.strip())
    )


class StaffImporter(Importer):
    kind = "staff"
    columns = Columns(required=("username", "name", "email", "agency_code", "roles"))
    key_column = "username"
    field_columns: ClassVar[dict[str, str]] = {
        "username": "username",
        "first_name": "name",
        "email": "email",
        "agency": "agency_code",
        "role": "roles",
    }

    def __init__(self, *, reinvite: bool = False, base_url: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.reinvite = reinvite
        self.base_url = base_url
        self.invited: set[str] = set()  # usernames invited in this run (one e-mail each)

    def plan(self, rows: list[SourceRow]) -> list[Planned]:
        first: dict[str, SourceRow] = {}
        seen: dict[tuple[str, str], int] = {}
        planned: list[Planned] = []
        for row in rows:
            username, agency_code = row.get("username"), row.get("agency_code")
            problem = None
            if (username, agency_code) in seen:
                message = _("%(username)s is given for this agency already on row %(row)s.")
                problem = Problem(
                    "username", message % {"username": username, "row": seen[(username, agency_code)]}
                )
            elif username in first and (
                row.get("name") != first[username].get("name")
                or row.get("email").lower() != first[username].get("email").lower()
            ):
                message = _("%(username)s is given on row %(row)s with another name or e-mail.")
                problem = Problem("username", message % {"username": username, "row": first[username].number})
            if username:
                first.setdefault(username, row)
                seen.setdefault((username, agency_code), row.number)
            planned.append(Planned(row, (problem,) if problem else ()))
        return planned

    def apply(self, row: SourceRow) -> Applied:
        username, name, email, agency, roles = self._checked(row)
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            return self._create(username, name, email, agency, roles)
        changes = {
            field: value
            for field, value in (("first_name", name), ("email", email))
            if getattr(user, field) != value
        }
        reinvite = self.reinvite and username not in self.invited
        if changes or reinvite:
            self._check_may_change(user)
        if changes:
            for field, value in changes.items():
                setattr(user, field, value)
            user.full_clean(exclude=["password"])
            user.save(update_fields=list(changes))
            audit.record(
                actor=self.by,
                action="account.update",
                obj=user,
                after={"username": username, "fields": sorted(changes)},
                agency=agency,
            )
        granted = self._grant(user, agency, roles)
        outcome = Outcome.UPDATED if changes or granted else Outcome.UNCHANGED
        if not reinvite:
            return Applied(outcome)
        audit.record(
            actor=self.by, action="account.invite", obj=user, after={"username": username}, agency=agency
        )
        self.invited.add(username)
        return Applied(outcome, after_commit=self._invitation(user.pk))

    def _checked(self, row: SourceRow) -> tuple[str, str, str, Agency, list[str]]:
        """The row's values, or RowProblem with every problem of the row."""
        problems: list[Problem] = []
        username = row.get("username")
        if not username:
            problems.append(Problem("username", _("Give the username.")))
        else:
            try:
                get_user_model().username_validator(username)
            except ValidationError as exc:
                problems.extend(Problem("username", message) for message in exc.messages)
            if len(username) > NAME_MAX_LENGTH:
                problems.append(
                    Problem("username", _("Use at most %(n)s characters.") % {"n": NAME_MAX_LENGTH})
                )
        name = row.get("name")
        if not name:
            problems.append(Problem("name", _("Give the person's name.")))
        elif len(name) > NAME_MAX_LENGTH:
            problems.append(Problem("name", _("Use at most %(n)s characters.") % {"n": NAME_MAX_LENGTH}))
        email = row.get("email")
        try:
            validate_email(email)
        except ValidationError:
            problems.append(Problem("email", _("“%(value)s” is not an e-mail address.") % {"value": email}))
        agency = Agency.objects.filter(code=row.get("agency_code")).first()
        if agency is None:
            message = _("No agency has the code “%(code)s”.")
            problems.append(Problem("agency_code", message % {"code": row.get("agency_code")}))
        elif self.by is not None and not can_administer(self.by, agency):
            problems.append(Problem("agency_code", _("You do not administer this agency.")))
        roles = split_roles(row.get("roles"))
        unknown = [role for role in roles if role not in Role.values]
        if not roles:
            problems.append(Problem("roles", _("Give at least one role.")))
        for role in unknown:
            problems.append(
                Problem(
                    "roles",
                    _("Unknown role “%(value)s”: use %(values)s, separated by “;”.")
                    % {"value": role, "values": ", ".join(Role.values)},
                )
            )
        if problems:
            raise RowProblem(problems)
        assert agency is not None
        return username, name, email, agency, roles

    def _create(self, username: str, name: str, email: str, agency: Agency, roles: list[str]) -> Applied:
        user = get_user_model()(username=username, first_name=name, email=email, is_active=True)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit.record(
            actor=self.by,
            action="account.create",
            obj=user,
            after={"username": username, "agency": agency.code, "roles": roles},
            agency=agency,
        )
        self._grant(user, agency, roles)
        self.invited.add(username)
        return Applied(Outcome.CREATED, after_commit=self._invitation(user.pk))

    def _grant(self, user: User, agency: Agency, roles: list[str]) -> list[str]:
        held = set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))
        new = [role for role in roles if role not in held]
        for role in new:
            services.grant_role(by=self.by, user=user, agency=agency, role=role)
        return new

    def _check_may_change(self, user: User) -> None:
        """Only a superuser changes the account of a superuser or of a user of the Django admin, and
        an administrator changes the name or e-mail of (or re-invites) only a person who holds roles,
        all in agencies they administer: the e-mail is where the next invitation, and so the
        account, goes."""
        if self.by is None or getattr(self.by, "is_superuser", False):
            return
        if user.is_superuser or user.is_staff:
            raise RowProblem.one("username", _("Only a superuser may change this account."))
        theirs = set(Membership.objects.filter(user=user).values_list("agency_id", flat=True))
        reach = set(agencies_for_staff(self.by, roles=[Role.ADMINISTRATOR]).values_list("pk", flat=True))
        if not theirs or not theirs <= reach:
            raise RowProblem.one(
                "username",
                _("This person holds roles in agencies you do not administer, or none: ask a superuser."),
            )

    def _invitation(self, user_pk: int) -> Callable[[], str | None]:
        def send() -> str | None:
            user = get_user_model().objects.get(pk=user_pk)
            try:
                send_invitation(user, self.base_url)
            except SendFailed as exc:
                # The reason's first part only: a mail server's answer may quote the address.
                log.warning("Invitation of account %s not sent (%s)", user_pk, str(exc).split(":")[0])
                return _("The invitation could not be sent: import the row again with re-invitation.")
            return _("Invitation sent.")

        return send
