"""The portal's page of the agencies' new-media accounts, /new-media/ (namespace ``newmedia``): the
active accounts per agency, each with its platform, name, operating unit and the QR code of its
public address, drawn on the server. No personal data: the person in charge stays internal."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sunshine.evaluations import qr
from sunshine.newmedia.selectors import public_accounts


def account_list(request: HttpRequest) -> HttpResponse:
    groups: list[dict[str, Any]] = []
    for account in public_accounts()[:2000]:
        if not groups or groups[-1]["agency"].pk != account.agency_id:
            groups.append({"agency": account.agency, "accounts": []})
        groups[-1]["accounts"].append(account)
    return render(request, "newmedia/public_list.html", {"groups": groups})


def account_qr(request: HttpRequest, pk: int) -> HttpResponse:
    account = public_accounts().filter(pk=pk).first()
    if account is None or not account.public_url:
        raise Http404(pk)
    response = HttpResponse(
        qr.svg(account.public_url, scale=4, title=account.name), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response
