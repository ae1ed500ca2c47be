"""Public pages of opinion solicitations (意见征集): the list, open ones first, and one solicitation
with its draft, its explanation, the comment form while it is open, the published comments and the
feedback on their adoption (docs/solicitations.md)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.core.challenge import Challenge
from sunshine.core.workflow import WorkflowError
from sunshine.solicitations import selectors, services, throttle


class CommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("Shown with your comment, masked (张**). Leave it empty to stay anonymous."),
    )
    contact = forms.CharField(
        label=gettext_lazy("Telephone or e-mail"),
        max_length=100,
        help_text=gettext_lazy("So that the agency can ask you about your comment. It is never published."),
    )


def solicitation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    items = selectors.open_first(selectors.public_solicitations(), now)
    rows = [(s, s.phase(now), s.days_left(now)) for s in items]
    return render(request, "portal/solicitations/list.html", {"rows": rows, "count": len(rows)})


def solicitation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    solicitation = selectors.get_public_solicitation(pk)
    now = timezone.now()
    form = CommentForm(request.POST or None)
    status = 200
    challenge: Challenge | None = None
    if request.method == "POST":
        try:
            throttle.check(request)
            passed = form.is_valid()
            if passed:  # near the brake's limit, a question first (docs/solicitations.md)
                passed, challenge = throttle.gate().check_page(request, request.POST)
                if challenge is not None:
                    form.add_error(None, challenge.error)
            if passed:
                services.submit_comment(solicitation=solicitation, now=now, **form.cleaned_data)
                throttle.count(request)
                messages.success(
                    request,
                    _("Thank you. Your comment has been received and will be published after moderation."),
                )
                return redirect("solicitations:detail", pk=solicitation.pk)
            status = 422
        except WorkflowError as exc:
            status = exc.status
            for name, message in exc.fields.items():
                form.add_error(name if name in form.fields else None, message)
            if not exc.fields:
                form.add_error(None, exc.message)
    context = {
        "solicitation": solicitation,
        "phase": solicitation.phase(now),
        "days_left": solicitation.days_left(now),
        "form": form,
        "comments": selectors.published_comments(solicitation),
        "feedback": selectors.feedback(solicitation),
        "policy": selectors.policy_record(solicitation),
        "challenge": challenge or throttle.gate().for_page(request),
    }
    return render(request, "portal/solicitations/detail.html", context, status=status)
