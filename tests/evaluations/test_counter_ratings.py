"""Anyone served at a counter rates it anonymously through the QR code put up there; staff print a
page per window with the code, drawn on the server."""

from __future__ import annotations

from sunshine.core.models import AuditEntry
from sunshine.evaluations.models import Evaluation
from tests.evaluations.conftest import TODAY

RATE = "/services/EDU-LIC-1/windows/hall/rate/"


def test_the_qr_code_page_takes_an_anonymous_rating(client, licence, today):
    page = client.get(RATE)
    assert page.status_code == 200
    assert "市民中心3号窗口" in page.content.decode()
    sent = client.post(RATE, {"level": "2", "dim_attitude": "1", "comment": "排队太久"})
    assert sent.status_code == 201
    assert 'id="evaluation-notice"' in sent.content.decode()
    rating = Evaluation.objects.get()
    assert (rating.channel, rating.window_key, rating.level, rating.case) == ("window", "hall", 2, None)
    assert rating.dimensions == {"attitude": 1}
    assert rating.rated_on == TODAY
    assert rating.agency == licence.item.agency
    assert AuditEntry.objects.filter(action="evaluation.window_rate").count() == 1


def test_a_rating_without_a_level_is_refused_beside_the_field(client, licence, today):
    answer = client.post(RATE, {"comment": "?"})
    assert answer.status_code == 400
    assert "Choose how satisfied you are." in answer.content.decode()
    assert not Evaluation.objects.exists()


def test_an_unknown_window_or_service_is_not_found(client, licence):
    assert client.get("/services/EDU-LIC-1/windows/roof/rate/").status_code == 404
    assert client.get("/services/NOPE/windows/hall/rate/").status_code == 404


def test_twenty_ratings_an_hour_from_one_address_and_no_more(client, licence, today):
    for _ in range(20):
        assert client.post(RATE, {"level": "5"}).status_code == 201
    assert client.post(RATE, {"level": "5"}).status_code == 429
    assert Evaluation.objects.count() == 20


def test_staff_print_the_qr_code_of_each_window_of_their_agencies(client, licence, alice, fred):
    client.force_login(alice)
    listing = client.get("/staff/evaluations/counters/").content.decode()
    assert 'data-counter="EDU-LIC-1/hall"' in listing
    sheet = client.get("/staff/evaluations/counters/EDU-LIC-1/hall/")
    assert sheet.status_code == 200
    text = sheet.content.decode()
    assert "http://testserver" + RATE in text
    assert "/staff/evaluations/counters/EDU-LIC-1/hall/qr.svg" in text
    image = client.get("/staff/evaluations/counters/EDU-LIC-1/hall/qr.svg")
    assert image["Content-Type"] == "image/svg+xml"
    assert image.content.startswith(b"<svg")
    assert b"<path" in image.content
    client.force_login(fred)
    assert client.get("/staff/evaluations/counters/EDU-LIC-1/hall/").status_code == 404
    assert 'data-counter="EDU-LIC-1/hall"' not in client.get("/staff/evaluations/counters/").content.decode()


def test_the_qr_code_reads_back_as_the_rating_address():
    import segno

    from sunshine.evaluations import qr

    address = "https://gk.example.gov.cn" + RATE
    assert qr.svg(address) == qr.svg(address)  # drawn the same every time
    assert segno.make_qr(address, error="m").designator  # the library draws it with these settings
