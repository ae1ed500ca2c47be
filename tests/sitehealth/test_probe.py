"""``sitehealth_probe``: GET /healthz of the live server (loopback) and keep the answer as history."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from sunshine.sitehealth.models import Probe

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_probe_of_a_healthy_site_is_stored_with_its_latency(live_server):
    call_command("sitehealth_probe", base_url=live_server.url)
    call_command("sitehealth_probe", base_url=live_server.url)

    probes = list(Probe.objects.all())
    assert len(probes) == 2
    assert all(p.ok and p.status == 200 and p.latency_ms is not None and not p.error for p in probes)


def test_a_probe_that_gets_no_answer_is_stored_as_failed():
    with pytest.raises(CommandError, match="not available"):
        call_command("sitehealth_probe", base_url="http://127.0.0.1:9")  # nothing listens there

    probe = Probe.objects.get()
    assert not probe.ok
    assert probe.status is None
    assert probe.latency_ms is None
    assert probe.error


def test_a_page_that_is_not_the_health_answer_is_a_failed_probe(live_server):
    with pytest.raises(CommandError):
        call_command("sitehealth_probe", base_url=f"{live_server.url}/no-such-site")

    probe = Probe.objects.get()
    assert (probe.ok, probe.status, probe.error) == (False, 404, "HTTP 404")
