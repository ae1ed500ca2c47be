"""政府开放日 on the portal (namespace ``open_days``): the list, an event with its registration form
(phone-friendly; when the places are taken the registration waits in line), and cancelling with the
key from the confirmation e-mail. Thin views over ``opendays.services``; the registrants' data are
never shown here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sunshine.core.throttle import AddressCounter
from sunshine.core.workflow import WorkflowError
from sunshine.opendays import selectors, services
from sunshine.opendays.api import registration_open, report_url
from sunshine.opendays.models import MAX_PEOPLE, Event, Registration, RegistrationStatus

SESSION_KEY = "open_days.registered"
# Wrong cancel keys: at most 10 from one address in ten minutes.
KEY_GUESSES = AddressCounter("opendays.cancel", limit=10, window=600)


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        help_text=gettext_lazy(
            "The confirmation, a place freed from the waiting list and the reminder come here."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    people = forms.TypedChoiceField(
        label=gettext_lazy("Number of people"),
        choices=[(n, str(n)) for n in range(1, MAX_PEOPLE + 1)],
        coerce=int,
        initial=1,
    )


def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    events = selectors.public_events()
    context = {
        "upcoming": events.filter(ends_at__gte=now).exclude(status="held").order_by("starts_at", "pk"),
        "past": events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:20],
    }
    return render(request, "portal/open_days/list.html", context)


def _event_context(event: Event, form: RegistrationForm | None) -> dict[str, Any]:
    return {
        "event": event,
        "places_left": max(event.capacity - selectors.places_taken(event), 0),
        "open": registration_open(event),
        "form": form,
        "report_url": report_url(event),
    }


@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.get_public_event(event_id)
    form = RegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration, key = services.register(event=event, **form.cleaned_data)
            except WorkflowError as exc:
                for name, message in exc.fields.items():
                    form.add_error(name if name in form.fields else None, message)
                if not exc.fields:
                    form.add_error(None, exc.message)
                status = exc.status
            else:
                request.session[SESSION_KEY] = {"id": registration.pk, "key": key}
                return redirect("open_days:registered", event_id=event.pk)
        else:
            status = 422
    return render(request, "portal/open_days/event.html", _event_context(event, form), status=status)


def registered(request: HttpRequest, event_id: int) -> HttpResponse:
    """The outcome and the cancel key, once (they wait in the session for this page only)."""
    data = request.session.pop(SESSION_KEY, None)
    if not data:
        return redirect("open_days:event", event_id=event_id)
    registration = (
        Registration.objects.select_related("event").filter(pk=data["id"], event_id=event_id).first()
    )
    if registration is None:
        raise Http404(event_id)
    context = {"registration": registration, "event": registration.event, "key": data["key"]}
    return render(request, "portal/open_days/registered.html", context)


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, registration_id: int, key: str) -> HttpResponse:
    """GET asks to confirm; POST cancels. A wrong key is 404 and counts towards the brake."""
    if KEY_GUESSES.reached(request):
        return render(request, "portal/open_days/cancel.html", {"too_many": True}, status=429)
    registration = (
        Registration.objects.select_related("event", "event__agency").filter(pk=registration_id).first()
    )
    if registration is None or not services.key_matches(registration, key):
        KEY_GUESSES.count(request)
        raise Http404(registration_id)
    context: dict[str, Any] = {"registration": registration, "event": registration.event, "done": False}
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        try:
            services.cancel_registration(registration=registration)
        except WorkflowError as exc:
            context["problem"] = exc.message
            return render(request, "portal/open_days/cancel.html", context, status=exc.status)
        context["done"] = True
    return render(request, "portal/open_days/cancel.html", context)
