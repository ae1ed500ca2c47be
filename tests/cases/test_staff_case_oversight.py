"""The staff case page shows what electronic supervision found of the case at the last sweep (levels,
the steps past their time limit by name, anomalies), its rectification after a bad rating, and offers
those who supervise the agency a form to issue a 督办 notice on the case.

November 2026 has no holiday: Monday 2 November is the first working day."""

from __future__ import annotations

import datetime

from sunshine.evaluations import services as ratings
from sunshine.supervision.models import Notice
from sunshine.supervision.sweep import sweep

D = datetime.date


def page(client, case) -> str:
    response = client.get(f"/staff/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str) -> str:
    return html.split('id="case-supervision"')[1].split("</section>")[0]


def test_a_case_not_swept_yet_says_so(client, alice, registered, act):
    case = act(registered(D(2026, 11, 2)), "accept", D(2026, 11, 2))
    client.force_login(alice)
    assert "The supervision sweep has not looked at this case yet." in section(page(client, case))


def test_a_swept_case_shows_its_levels_and_the_names_of_its_overrun_steps(client, alice, registered, act):
    case = act(registered(D(2026, 11, 2)), "accept", D(2026, 11, 2))
    sweep(today=D(2026, 11, 20))  # promised 10 working days: past on 16 November
    client.force_login(alice)
    shown = section(page(client, case))
    red = '<span class="clock-badge clock-badge--overdue" data-warning="red"'
    assert f'data-field="promised_level">{red}' in shown
    assert 'data-field="statutory_level"><span class="meta" data-warning="none">' in shown  # 14 of 20 days
    overrun = shown.split('data-field="overrun_steps">')[1].split("</dd>")[0]
    assert "受理" in overrun  # the step's name, not its key
    assert "accept" not in overrun
    assert "2026-11-20" in shown


def test_an_anomaly_is_shown_by_its_label(client, alice, registered, act):
    case = act(registered(D(2026, 11, 2)), "accept", D(2026, 11, 2))
    act(case, "decide", D(2026, 11, 2), result="approved")  # decided on the day of acceptance
    sweep(today=D(2026, 11, 3))
    client.force_login(alice)
    assert "Decided faster than plausible" in section(page(client, case))


def test_a_bad_rating_links_the_case_to_its_rectification(client, alice, registered, act):
    case = act(registered(D(2026, 11, 2)), "accept", D(2026, 11, 2))
    case = act(case, "decide", D(2026, 11, 6), result="approved")
    ratings.rate_case(case=case, level=1, comment="等了很久", today=D(2026, 11, 9))
    rectification = case.rectifications.get()
    client.force_login(alice)
    shown = section(page(client, case))
    assert f'href="/staff/evaluations/{rectification.pk}/"' in shown
    assert client.get(f"/staff/evaluations/{rectification.pk}/").status_code == 200


def test_an_officer_is_not_offered_the_notice_form(client, alice, registered):
    client.force_login(alice)
    html = page(client, registered(D(2026, 11, 2)))
    assert 'id="issue-notice"' not in html
    assert "/staff/supervision/agencies/" not in html


def test_the_disclosure_office_issues_a_notice_on_the_case_from_its_page(client, olga, registered):
    case = registered(D(2026, 11, 2))
    client.force_login(olga)
    form = page(client, case).split('id="issue-notice"')[1].split("</form>")[0]
    assert f'action="/staff/supervision/agencies/{case.agency.code}/notices/"' in form
    assert f'name="tracking_code" value="{case.tracking_code}"' in form
    response = client.post(
        f"/staff/supervision/agencies/{case.agency.code}/notices/",
        {"subject": "请加快办理", "text": "说明原因。", "due_days": "3", "tracking_code": case.tracking_code},
    )
    notice = Notice.objects.get()
    assert response.status_code == 302
    assert notice.case == case
    listed = section(page(client, case))
    assert f'href="/staff/supervision/notices/{notice.pk}/"' in listed
    assert "请加快办理" in listed
