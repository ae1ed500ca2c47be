"""Whatever staff do, ``published_records()`` answers exactly the current published revision of each
record: drafts, revisions in review, returned ones, superseded and withdrawn content, review comments
and withdrawal reasons never reach the public."""

from __future__ import annotations

import datetime
import itertools
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sunshine.records import presenters, selectors, services
from sunshine.records.codes import Status
from sunshine.records.models import Revision
from tests.records.conftest import ALL_CHECKS, at, make_draft

D = datetime.date
counter = itertools.count()


def marker() -> str:
    return f"MARK{next(counter):06d}"


ACTIONS = ["edit", "submit", "approve", "return", "sign", "publish", "withdraw", "revise"]


def act(revision: Revision, action: str, when: datetime.datetime) -> None:
    if action == "edit":
        services.update_draft(revision=revision, by=None, body=f"正文{marker()}", title=f"标题{marker()}")
    elif action == "submit":
        services.submit(revision=revision, by=None)
    elif action == "approve":
        services.review(revision=revision, by=None, decision="approve", checklist=ALL_CHECKS)
    elif action == "return":
        services.return_for_changes(revision=revision, by=None, comments=f"COMMENT{marker()}")
    elif action == "sign":
        services.sign(revision=revision, by=None)
    elif action == "publish":
        services.publish(revision=revision, by=None, now=when)
    elif action == "withdraw":
        services.withdraw(revision=revision, by=None, reason=f"REASON{marker()}")
    elif action == "revise":
        services.start_revision(record=revision.record, by=None)


def public_text() -> str:
    return json.dumps(
        [presenters.public_record_data(r) for r in selectors.published_records()],
        default=str,
        ensure_ascii=False,
    )


def check_the_public_view() -> None:
    public = list(selectors.published_records())
    assert {r.pk for r in public} == set(
        Revision.objects.filter(status=Status.PUBLISHED).values_list("pk", flat=True)
    )
    assert len({r.record_id for r in public}) == len(public)  # one revision per record
    assert all(r.record.index_number for r in public)
    text = public_text()
    shown = {r.title for r in public} | {r.body_text for r in public}
    for revision in Revision.objects.exclude(status=Status.PUBLISHED):
        for value in (revision.title, revision.body_text):
            if value not in shown:
                assert value not in text, (revision.status, value)
        for event in revision.events.all():
            if event.comments:
                assert event.comments not in text
        if revision.withdrawal_reason:
            assert revision.withdrawal_reason not in text
    assert "COMMENT" not in text
    assert "REASON" not in text


FULL_PATH = [
    (0, "submit"), (0, "approve"), (0, "sign"), (0, "publish"),  # revision 1 public
    (0, "revise"), (0, "edit"), (0, "submit"),  # revision 2 in review: revision 1 stays public
    (1, "submit"), (1, "return"), (1, "edit"),  # returned with comments
    (0, "approve"), (0, "sign"), (0, "publish"),  # revision 2 supersedes revision 1
    (0, "withdraw"), (0, "revise"), (0, "edit"),  # withdrawn, a new draft
    (2, "submit"), (2, "approve"), (2, "sign"), (2, "publish"), (2, "withdraw"),
]  # fmt: skip


@example(steps=FULL_PATH)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(ACTIONS)), min_size=1, max_size=30))
def test_the_public_sees_only_current_published_revisions(tree, steps):
    records = [
        make_draft(tree["education"], title=f"标题{marker()}", body=f"正文{marker()}").record
        for _ in range(3)
    ]
    when = at(D(2026, 3, 10))
    for n, (index, action) in enumerate(steps):
        revision = selectors.latest_revision(records[index])
        try:
            act(revision, action, when + datetime.timedelta(minutes=n))
        except services.RecordError as exc:
            refused = exc.status  # an action its status does not allow (409) or bad input (422)
            assert refused in {409, 422}
        check_the_public_view()


def test_the_scripted_path_does_reach_every_public_state(tree):
    """The example above goes through publication, supersession and withdrawal (so the property is
    not checked on drafts alone)."""
    records = [make_draft(tree["education"], title=f"标题{marker()}").record for _ in range(3)]
    when = at(D(2026, 3, 10))
    for n, (index, action) in enumerate(FULL_PATH):
        act(selectors.latest_revision(records[index]), action, when + datetime.timedelta(minutes=n))
    statuses = sorted(Revision.objects.filter(record__in=records).values_list("status", flat=True))
    assert statuses == sorted(
        [Status.SUPERSEDED, Status.WITHDRAWN, Status.DRAFT, Status.RETURNED, Status.WITHDRAWN]
    )
    check_the_public_view()
