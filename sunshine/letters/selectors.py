"""Reads of letters: staff see the letters of their agencies and those their agencies transferred
away (read only); the writer sees one with the key. Every check takes the acting user."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.http import Http404

from sunshine.agencies.models import Agency, AgencyKind, Role
from sunshine.agencies.selectors import agencies_for_staff, ancestor_ids, roles_in
from sunshine.letters import access
from sunshine.letters.models import Letter, LetterTransfer

AnyUser = AbstractBaseUser | AnonymousUser


def letters_for_staff(user: AnyUser) -> QuerySet[Letter]:
    """Letters handled by an agency whose non-public data ``user`` may see, and letters such an
    agency transferred to another (the sending agency keeps a read view)."""
    scope = agencies_for_staff(user)
    # Two plain conditions (no join), so the database can use its indexes on agency and id.
    sent_away = LetterTransfer.objects.filter(from_agency__in=scope).values("letter_id")
    return Letter.objects.filter(Q(agency__in=scope) | Q(pk__in=sent_away)).select_related(
        "agency", "addressed_to"
    )


BROAD_SCOPE = 20  # agencies: more, and the queue walks its order instead of each agency's letters


def staff_letter_parts(user: AnyUser, *, for_page: bool = False) -> tuple[QuerySet[Letter], QuerySet[Letter]]:
    """``letters_for_staff`` in two parts that do not overlap: the letters handled by the person's
    agencies, and those their agencies transferred to an agency beyond them. Each part is one plain
    condition the database answers from an index (the queue, ``letters.queue``).

    ``for_page``: the parts read for one page in the queue's order. For a person who reads many
    agencies (the disclosure office of a province), SQLite's planner
    would read every letter of every agency by the agency index and sort them all for one page; the
    agency is then compared as an expression (``agency_id + 0``), which no index serves, so it walks
    the queue's order index and stops at the page."""
    scope = agencies_for_staff(user)
    sent_away = LetterTransfer.objects.filter(from_agency__in=scope).values("letter_id")
    letters = Letter.objects.select_related("agency", "addressed_to")
    own = letters.filter(agency__in=scope)
    if for_page and connection.vendor == "sqlite" and scope.count() > BROAD_SCOPE:
        own = letters.alias(agency_expr=F("agency_id") + 0).filter(agency_expr__in=scope.values("pk"))
    return own, letters.filter(pk__in=sent_away).exclude(agency__in=scope)


def get_letter_for_staff(user: AnyUser, pk: int) -> Letter:
    try:
        return letters_for_staff(user).get(pk=pk)
    except Letter.DoesNotExist as exc:
        raise Http404(pk) from exc


def may_act(user: AnyUser, agency: Agency, roles: Iterable[str]) -> bool:
    """Whether ``user`` holds one of ``roles`` for ``agency`` (tree roles held above count;
    superusers hold every role)."""
    return bool(roles_in(user, agency) & frozenset(roles))


def actions_for(user: AnyUser, letter: Letter) -> list[str]:
    """The actions the letter's status allows that ``user`` may take (none on a letter their agency
    transferred away: only the receiving agency acts)."""
    from sunshine.letters.actions import WORKFLOW  # the declarations use the checks above

    return WORKFLOW.for_roles(letter.status, roles_in(user, letter.agency))


def extension_approvers(agency: Agency) -> QuerySet[User]:
    """Active people who may approve an extension: the agency's signers, and the disclosure office of
    the agency or above it."""
    memberships = Q(memberships__role=Role.SIGNER, memberships__agency_id=agency.pk) | Q(
        memberships__role=Role.DISCLOSURE_OFFICE, memberships__agency_id__in=ancestor_ids(agency)
    )
    return (
        get_user_model()
        .objects.filter(memberships, is_active=True, memberships__agency__is_active=True)
        .distinct()
    )


def handling_agency(addressed: Agency, kind: str) -> Agency:
    """The agency that handles a letter addressed to ``addressed``.

    A complaint about disclosure (``disclosure_complaint``) goes to the disclosure office of the
    government above the agency: the nearest agency of kind government strictly above it; a
    government with no parent (the top of a tree) handles its own, and so does an agency with no
    government above it. Every other kind stays with the agency addressed."""
    if kind != "disclosure_complaint":
        return addressed
    above = [pk for pk in ancestor_ids(addressed) if pk != addressed.pk]
    governments = {a.pk: a for a in Agency.objects.filter(pk__in=above, kind=AgencyKind.GOVERNMENT)}
    for pk in reversed(above):  # the path runs from the root down: nearest last
        if pk in governments:
            return governments[pk]
    return addressed


def get_letter_for_writer(tracking_code: str, key: str | None) -> Letter:
    """The letter whose tracking code and access key both match; 404 otherwise (no hint which)."""
    letter = (
        Letter.objects.select_related("agency")
        .filter(tracking_code=access.normalize_code(tracking_code))
        .first()
    )
    if letter is None or not access.key_matches(letter, key):
        raise Http404(tracking_code)
    return letter
