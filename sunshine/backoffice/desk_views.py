"""One desk as a page (/staff/desk/review/, /staff/desk/sign-off/, /staff/desk/returned/): what
waits for the person, the most urgent first. The home page shows the start of each desk."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sunshine.backoffice.desks import Desk, desk_list, desks_of


@login_required
def desk(request: HttpRequest, name: str) -> HttpResponse:
    try:
        chosen = Desk(name)
    except ValueError as exc:
        raise Http404(name) from exc
    if chosen not in desks_of(request.user):
        raise PermissionDenied  # the desk's roles are held nowhere: no link leads here
    return render(request, "backoffice/desk.html", {"desk": desk_list(request.user, chosen)})
