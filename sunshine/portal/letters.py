"""The writer's pages of letters (信件): write to an agency, see the tracking code and access key
once, follow the letter with both and answer the agency's request for information.

As for requests, the access key never appears in a URL: it is posted in forms, and after writing it
waits in the session for the one page that shows it. Wrong keys count towards the letters' brake on
guessing (``letters.throttle``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.core import idempotency, submissions
from sunshine.core.challenge import Challenge
from sunshine.core.workflow import WorkflowError
from sunshine.letters import access, brakes, feedback, selectors, services, throttle
from sunshine.letters.models import Letter
from sunshine.letters.presenters import writer_letter_data
from sunshine.portal.letter_forms import FollowForm, InfoForm, RatingForm, WriteForm
from sunshine.portal.request_forms import new_form_token

WRITTEN_SESSION_KEY = "portal.letters.written"  # code and key, until the confirmation shows them
IDEMPOTENCY_SCOPE = "portal.letters.write"


class _Unanswered(Exception):
    """The address must answer the brake's question first (``core.challenge``)."""

    def __init__(self, challenge: Challenge | None) -> None:
        super().__init__()
        self.challenge = challenge


def _new_letter(request: HttpRequest, form: WriteForm) -> Letter:
    """The letter, past the brakes (``letters.brakes``): 429 over a limit, a question near it."""
    data = form.cleaned_data
    contacts = [form.writer().email, form.writer().phone]
    submissions.check(request, contacts)  # the brake of every kind of submission
    brakes.check(request, form.writer())
    passed, challenge = brakes.gate().check_page(request, request.POST)
    if not passed:
        raise _Unanswered(challenge)
    letter = services.submit_letter(
        agency=form.agencies[data["agency"]],
        kind=data["kind"],
        subject=data["subject"],
        body=data["body"],
        writer=form.writer(),
        publish_consent=bool(data.get("publish_consent")),
    )[0]
    brakes.count(request)
    submissions.count(request, contacts)
    return letter


def _store(request: HttpRequest, form: WriteForm) -> Letter:
    letter, _new = idempotency.once(
        scope=IDEMPOTENCY_SCOPE,
        key=form.cleaned_data["form_token"] or None,
        payload=form.payload(),
        create=lambda: _new_letter(request, form),
        object_id=lambda created: str(created.pk),
        load=lambda pk: Letter.objects.select_related("agency").get(pk=int(pk)),
    )
    return letter


@require_http_methods(["GET", "POST"])
def write(request: HttpRequest) -> HttpResponse:
    """The letter form; nothing is stored while a field is in error, over the brakes' limits or
    while the brakes' question is unanswered."""
    status = 200
    retry_after: int | None = None
    challenge: Challenge | None = None
    if request.method == "POST":
        form = WriteForm(request.POST)
        if form.is_valid():
            try:
                letter = _store(request, form)
            except _Unanswered as exc:
                challenge = exc.challenge
                if challenge is not None:
                    form.add_error(None, challenge.error)
            except WorkflowError as exc:
                status = exc.status if exc.status == 429 else status
                retry_after = getattr(exc, "retry_after", None)
                if exc.fields:
                    form.add_service_errors(exc.fields)
                else:
                    form.add_error(None, exc.message)
            else:
                request.session[WRITTEN_SESSION_KEY] = {
                    "tracking_code": letter.tracking_code,
                    "access_key": access.access_key_for(letter),
                }
                return redirect("letters:written")
    else:
        form = WriteForm(initial={"agency": request.GET.get("agency", ""), "form_token": new_form_token()})
    if challenge is None:
        challenge = brakes.gate().for_page(request)
    context = {"form": form, "agency": form.chosen_agency(), "challenge": challenge}
    response = render(request, "portal/letters/write.html", context, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    if form.is_bound or challenge is not None:
        add_never_cache_headers(response)
    return response


@never_cache
def written(request: HttpRequest) -> HttpResponse:
    """The confirmation: the tracking code and the access key, shown once; the due date."""
    receipt = request.session.pop(WRITTEN_SESSION_KEY, None)
    if receipt is None:
        return redirect("letters:follow")
    letter = selectors.get_letter_for_writer(receipt["tracking_code"], receipt["access_key"])
    return render(request, "portal/letters/written.html", {"receipt": receipt, "letter": letter})


def _letter_page(
    request: HttpRequest,
    letter: Letter,
    key: str,
    *,
    info_form: InfoForm | None = None,
    rating_form: RatingForm | None = None,
    notice: str = "",
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "letter": letter,
        "found": writer_letter_data(letter),
        "tracking_code": letter.tracking_code,
        "access_key": key,
        "info_form": info_form or InfoForm(),
        "rating_form": rating_form or RatingForm(),
        "notice": notice,
        "problem": problem,
    }
    response = render(request, "portal/letters/letter.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _open(request: HttpRequest, form: FollowForm) -> Letter | None:
    """The letter the form's code and key open, or None with the error on the form."""
    if throttle.refusal(request, form.data.get("tracking_code")) is not None:
        form.add_error(None, throttle.refused_message())
        return None
    if not form.is_valid():
        return None
    code, key = form.cleaned_data["tracking_code"], form.cleaned_data["access_key"]
    try:
        return selectors.get_letter_for_writer(code, key)
    except Http404:
        throttle.record_failure(request, code)
        form.add_error(
            None, _("No letter matches this tracking code and access key. Check both and try again.")
        )
        return None


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """The code and key form (GET), and the letter they open (POST)."""
    if request.method == "POST":
        form = FollowForm(request.POST)
        letter = _open(request, form)
        if letter is not None:
            return _letter_page(request, letter, form.cleaned_data["access_key"])
    else:
        form = FollowForm()
    status = 200 if not form.errors else 400
    return render(request, "portal/letters/follow.html", {"form": form}, status=status)


@never_cache
@require_POST
def send_info(request: HttpRequest) -> HttpResponse:
    """The writer's answer to a request for information, sent with the code and the key."""
    form = FollowForm(request.POST)
    letter = _open(request, form)
    if letter is None:
        return render(request, "portal/letters/follow.html", {"form": form}, status=400)
    key = form.cleaned_data["access_key"]
    info_form = InfoForm(request.POST)
    if not info_form.is_valid():
        return _letter_page(request, letter, key, info_form=info_form, status=400)
    try:
        letter = services.answer_info(letter=letter, text=info_form.cleaned_data["text"])
    except WorkflowError as exc:
        info_form.add_error("text" if "text" in exc.fields else None, exc.fields.get("text", exc.message))
        return _letter_page(request, letter, key, info_form=info_form, status=exc.status)
    notice = _("Thank you. The agency has your answer; the reply period runs again.")
    return _letter_page(request, letter, key, notice=notice)


@never_cache
@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    """The writer's rating of the reply, sent with the code and the key; once per reply."""
    form = FollowForm(request.POST)
    letter = _open(request, form)
    if letter is None:
        return render(request, "portal/letters/follow.html", {"form": form}, status=400)
    key = form.cleaned_data["access_key"]
    rating_form = RatingForm(request.POST)
    if not rating_form.is_valid():
        return _letter_page(request, letter, key, rating_form=rating_form, status=400)
    try:
        letter = feedback.rate_reply(
            letter=letter,
            rating=rating_form.cleaned_data["rating"],
            comment=rating_form.cleaned_data["comment"],
        )
    except WorkflowError as exc:
        for name, message in exc.fields.items():
            rating_form.add_error(name if name in rating_form.fields else None, message)
        return _letter_page(
            request,
            letter,
            key,
            rating_form=rating_form,
            problem="" if exc.fields else exc.message,
            status=exc.status,
        )
    return _letter_page(request, letter, key, notice=_("Thank you. The agency reads your rating."))


@never_cache
@require_POST
def reopen(request: HttpRequest) -> HttpResponse:
    """The writer reopens the letter after a dissatisfied rating, once: a new reply period runs."""
    form = FollowForm(request.POST)
    letter = _open(request, form)
    if letter is None:
        return render(request, "portal/letters/follow.html", {"form": form}, status=400)
    key = form.cleaned_data["access_key"]
    try:
        letter = feedback.reopen_letter(letter=letter)
    except WorkflowError as exc:
        return _letter_page(request, letter, key, problem=exc.message, status=exc.status)
    notice = _("Your letter is reopened. The agency replies again within a new reply period.")
    return _letter_page(request, letter, key, notice=notice)
