"""From draft to the public and back: the privacy scan stops sign-off and publication until each
finding is removed or overridden; scheduled publication; new revisions; withdrawal; validity."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sunshine.core.models import AuditEntry
from sunshine.records import findings, selectors, services
from sunshine.records.codes import Status, Validity
from sunshine.records.models import Revision
from tests.records.conftest import ALL_CHECKS, CITIZEN_ID, at, make_draft, publish_now, to_signed, upload
from tests.records.files import make_docx

D = datetime.date


def test_the_scan_stops_submission_unless_the_officer_asks_the_reviewer(tree, alice):
    draft = make_draft(tree["education"], by=alice, body=f"申请人身份证号{CITIZEN_ID}。")
    with pytest.raises(services.RecordError) as caught:
        services.submit(revision=draft, by=alice)
    assert (caught.value.status, caught.value.code) == (409, "privacy_findings")
    assert "110105********002X" in next(iter(caught.value.fields.values()))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert services.submit(revision=draft, by=alice, acknowledge_findings=True).status == Status.SUBMITTED


def test_approval_sign_off_and_publication_wait_for_every_finding(tree, alice, rita, simon):
    draft = make_draft(tree["education"], by=alice, body="联系电话：0571-87654321")
    services.add_attachment(
        revision=draft, by=alice, file=upload(make_docx("秘密★1年"), "a.docx"), name="a.docx"
    )
    submitted = services.submit(revision=draft, by=alice, acknowledge_findings=True)
    with pytest.raises(services.RecordError) as caught:
        services.review(revision=submitted, by=rita, decision="approve", checklist=ALL_CHECKS)
    assert caught.value.code == "privacy_findings"
    open_findings = findings.open_findings(submitted)
    assert sorted(f.finding.kind for f in open_findings) == ["classification", "landline"]
    services.override_finding(
        revision=submitted, by=rita, digest=open_findings[0].digest, reason="本单位公开的办公电话"
    )
    with pytest.raises(services.RecordError):
        services.review(revision=submitted, by=rita, decision="approve", checklist=ALL_CHECKS)
    with pytest.raises(services.RecordError) as caught:
        services.override_finding(revision=submitted, by=rita, digest=open_findings[1].digest, reason=" ")
    assert set(caught.value.fields) == {"reason"}
    services.override_finding(
        revision=submitted, by=rita, digest=open_findings[1].digest, reason="已解密文件"
    )
    approved = services.review(revision=submitted, by=rita, decision="approve", checklist=ALL_CHECKS)
    signed = services.sign(revision=approved, by=simon)
    assert services.publish(revision=signed, by=simon, now=at(D(2026, 3, 10))).status == Status.PUBLISHED
    override = AuditEntry.objects.filter(action="record.override").order_by("id").first()
    assert override is not None
    assert override.actor_name == "rita"
    assert (override.after or {})["reason"] == "本单位公开的办公电话"
    assert (override.after or {})["masked"] == "0571****4321"  # the value itself is not kept


def test_an_officer_cannot_override_a_finding(tree, alice):
    draft = make_draft(tree["education"], by=alice, body="手机13800138000")
    submitted = services.submit(revision=draft, by=alice, acknowledge_findings=True)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.override_finding(
            revision=submitted, by=alice, digest=findings.open_findings(submitted)[0].digest, reason="x"
        )


def test_a_submission_needs_a_formation_date_and_some_content(tree):
    draft = make_draft(tree["education"], formation_date=None, body="")
    with pytest.raises(services.RecordError) as caught:
        services.submit(revision=draft, by=None)
    assert set(caught.value.fields) == {"formation_date", "body"}


def test_a_scheduled_record_is_published_by_the_command_when_its_time_comes(tree):
    when = timezone.now() + datetime.timedelta(minutes=30)
    scheduled = services.publish(revision=to_signed(make_draft(tree["education"])), by=None, at=when)
    assert scheduled.status == Status.SCHEDULED
    assert scheduled.record.index_number is None
    out = StringIO()
    call_command("publish_due_records", stdout=out)
    assert "published: 0" in out.getvalue()
    scheduled.refresh_from_db()
    assert scheduled.status == Status.SCHEDULED
    services.publish_due(now=when + datetime.timedelta(seconds=1))
    scheduled.refresh_from_db()
    scheduled.record.refresh_from_db()
    assert scheduled.status == Status.PUBLISHED
    assert scheduled.published_at == when
    assert scheduled.record.index_number == f"CITY-EDU/{timezone.localtime(when).year}-00001"
    assert services.publish_due(now=when + datetime.timedelta(hours=1)) == {
        "due": 0,
        "published": 0,
        "failed": 0,
    }


def test_the_command_reports_a_scheduled_record_it_cannot_publish(tree):
    policy = publish_now(make_draft(tree["education"], title="政策", category_key="normative_documents"))
    explained = to_signed(make_draft(tree["education"], title="解读", interprets=policy.record))
    services.publish(revision=explained, by=None, at=timezone.now() + datetime.timedelta(minutes=5))
    services.withdraw(revision=policy, by=None, reason="撤回")
    Revision.objects.filter(pk=explained.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    out = StringIO()
    with pytest.raises(CommandError, match="1 scheduled records could not be published"):
        call_command("publish_due_records", stdout=out)
    assert "failed: 1" in out.getvalue()
    explained.refresh_from_db()
    assert explained.status == Status.SCHEDULED


def test_a_schedule_can_be_cancelled_and_must_lie_in_the_year_ahead(tree):
    signed = to_signed(make_draft(tree["education"]))
    with pytest.raises(services.RecordError):
        services.publish(revision=signed, by=None, at=timezone.now() + datetime.timedelta(days=400))
    scheduled = services.publish(revision=signed, by=None, at=timezone.now() + datetime.timedelta(days=3))
    assert services.unschedule(revision=scheduled, by=None).status == Status.SIGNED


def test_editing_a_published_record_makes_a_revision_reviewed_again(tree, alice):
    first = publish_now(make_draft(tree["education"], title="原标题"))
    second = services.start_revision(record=first.record, by=alice)
    assert (second.number, second.status, second.title) == (2, Status.DRAFT, "原标题")
    services.update_draft(revision=second, by=alice, title="更正后的标题", change_note="更正标题")
    assert [r.title for r in selectors.published_records()] == ["原标题"]  # the public still sees rev. 1
    with pytest.raises(services.RecordError):
        services.start_revision(record=first.record, by=alice)  # one open revision at a time
    published = publish_now(second, at(D(2026, 4, 1)))
    first.refresh_from_db()
    assert first.status == Status.SUPERSEDED
    public = selectors.get_published_record(str(published.record.index_number))
    assert (public.title, public.number) == ("更正后的标题", 2)
    assert public.record.first_published_at == at(D(2026, 3, 10))
    assert public.published_at == at(D(2026, 4, 1))  # last updated


def test_a_withdrawn_record_leaves_the_public_and_may_come_back_as_a_new_revision(tree):
    published = publish_now(make_draft(tree["education"]))
    services.withdraw(revision=published, by=None, reason="附件有误")
    assert not selectors.published_records().exists()
    again = publish_now(services.start_revision(record=published.record, by=None), at(D(2026, 3, 20)))
    assert list(selectors.published_records()) == [again]
    with pytest.raises(services.RecordError):
        services.withdraw(revision=again, by=None, reason="")


def test_the_validity_of_a_published_record_changes_with_a_date_and_a_replacement(tree, olga, alice):
    old = publish_now(make_draft(tree["education"], title="旧办法"))
    new = publish_now(make_draft(tree["education"], title="新办法"), at(D(2026, 4, 1)))
    with pytest.raises(services.RecordError) as caught:
        services.change_validity(record=old.record, by=olga, validity=Validity.REVISED, on=D(2026, 4, 1))
    assert set(caught.value.fields) == {"replaced_by"}
    record = services.change_validity(
        record=old.record, by=olga, validity=Validity.REVISED, on=D(2026, 4, 1), replaced_by=new.record
    )
    assert (record.validity, record.validity_changed_on, record.replaced_by) == (
        "revised",
        D(2026, 4, 1),
        new.record,
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.change_validity(record=old.record, by=alice, validity=Validity.VALID)
    with pytest.raises(services.RecordError):
        services.change_validity(
            record=make_draft(tree["education"]).record, by=olga, validity=Validity.EXPIRED
        )


def test_text_is_sanitised_and_document_numbers_normalised(tree):
    draft = make_draft(
        tree["education"],
        body='<p onclick="x()">正文<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a>',
        document_number="阳教发[2026] 12号",
        keywords="招生, 入学、招生",
    )
    assert "script" not in draft.body
    assert "onclick" not in draft.body
    assert "javascript" not in draft.body
    assert draft.body_text == "正文\n链接"
    assert draft.document_number == "阳教发〔2026〕12号"
    assert draft.keyword_list == ["招生", "入学"]
    plain = make_draft(tree["education"], body="第一段\n\n第二段 <不是标签")
    assert plain.body == "<p>第一段</p>\n<p>第二段 &lt;不是标签</p>"
