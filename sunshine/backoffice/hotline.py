"""The 96128 hotline seat (/staff/hotline/): one screen for the telephone operator on a call.

A search over the published common questions (the same search as ``GET /api/v1/faq``: every agency,
or one and those below it) with the answers in full, to be read out; and, when the caller needs an
answer nobody has written yet, a short form that registers the call as a ``consultation`` letter
received by phone today, which lands in the agency's letter queue (``letters.services.submit_letter``).
Thin view: the search is ``faq.search.find``, the registration the letters service; who may register
for which agency follows the letters' handling roles (``letters.roles.HANDLING_ROLES``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.agencies.models import Agency
from sunshine.agencies.selectors import agencies_for_staff, public_agencies
from sunshine.backoffice.requests import staff_agencies
from sunshine.core.workflow import WorkflowError
from sunshine.faq import search
from sunshine.letters import services as letter_services
from sunshine.letters.codes import Channel, Kind
from sunshine.letters.roles import HANDLING_ROLES

RESULTS = 10  # answers read out on a call: the first ten are enough
SUBJECT_CHARS = 40  # the letter's subject: the start of the question


class AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Agency) -> str:
        return obj.display_name


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Words of the caller's question"),
        max_length=search.MAX_QUERY_LENGTH,
        required=False,
    )
    agency = AgencyChoice(
        label=gettext_lazy("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=gettext_lazy("All agencies"),
        to_field_name="code",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, AgencyChoice)
        field.queryset = public_agencies().order_by("path")


class CallForm(forms.Form):
    agency = AgencyChoice(
        label=gettext_lazy("Agency that follows it up"),
        queryset=Agency.objects.none(),
        empty_label=gettext_lazy("Choose an agency"),
    )
    caller_name = forms.CharField(label=gettext_lazy("Caller's name"), max_length=100)
    caller_phone = forms.CharField(
        label=gettext_lazy("Caller's phone"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    question = forms.CharField(
        label=gettext_lazy("The question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "call")
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, AgencyChoice)
        field.queryset = agencies


def _register(request: HttpRequest, form: CallForm) -> HttpResponse | None:
    """The call as a consultation letter received by phone today; None with the errors on the form."""
    data = form.cleaned_data
    question = data["question"].strip()
    subject = Truncator(" ".join(question.split())).chars(SUBJECT_CHARS)
    try:
        letter, key = letter_services.submit_letter(
            agency=data["agency"],
            kind=Kind.CONSULTATION,
            subject=subject,
            body=question,
            writer=letter_services.Writer(name=data["caller_name"], phone=data["caller_phone"]),
            channel=Channel.PHONE,
            received_on=timezone.localdate(),
            by=request.user,
        )
    except WorkflowError as exc:
        names = {"writer.name": "caller_name", "writer.phone": "caller_phone", "body": "question"}
        for name, message in exc.fields.items():
            field = names.get(name)
            form.add_error(field if field in form.fields else None, message)
        if not exc.fields:
            form.add_error(None, exc.message)
        return None
    messages.success(
        request,
        _(
            "Registered as letter %(code)s for %(agency)s. Read out to the caller the tracking code "
            "%(code)s and the key %(key)s: with them they follow the answer online."
        )
        % {"code": letter.tracking_code, "agency": letter.agency.display_name, "key": key},
    )
    return redirect("hotline:seat")


@login_required
def seat(request: HttpRequest) -> HttpResponse:
    """GET: search (``q``, ``agency``); POST: register the call for follow-up."""
    staff_agencies(request)  # 403 without a role in an agency
    registrable = (
        agencies_for_staff(request.user, roles=HANDLING_ROLES).filter(is_active=True).order_by("path")
    )
    search_form = SearchForm(request.GET or None)
    found = None
    if search_form.is_valid() and (search_form.cleaned_data["q"] or search_form.cleaned_data["agency"]):
        found = search.find(
            q=search_form.cleaned_data["q"], agency=search_form.cleaned_data["agency"], page_size=RESULTS
        )
    call_form: CallForm | None = None
    status = 200
    if registrable.exists():
        call_form = CallForm(request.POST if request.method == "POST" else None, agencies=registrable)
        if request.method == "POST":
            if call_form.is_valid() and (done := _register(request, call_form)) is not None:
                return done
            status = 422
    elif request.method == "POST":
        status = 403
    context = {"search_form": search_form, "found": found, "call_form": call_form}
    return render(request, "backoffice/hotline/seat.html", context, status=status)
