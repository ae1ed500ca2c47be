"""Back office pages of letters' moderation (docs/letters.md#moderation): the queue of flagged
letters, a duplicate beside the letter it repeats, with bulk actions; and the flag set by hand from a
letter's page. Thin views: the rules are ``letters.moderation``'s."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.backoffice.requests import staff_agencies
from sunshine.core.workflow import WorkflowError
from sunshine.letters import moderation, selectors

ACTION_LABELS = {
    "clear": gettext_lazy("Not a duplicate, not abusive: clear the flag"),
    "merge": gettext_lazy("Merge each duplicate into the letter it repeats"),
    "return_abusive": gettext_lazy("Return as abusive, with the reason"),
}


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@login_required
@require_http_methods(["GET", "POST"])
def queue(request: HttpRequest) -> HttpResponse:
    """The flagged letters; POST one action on the letters ticked, each result reported."""
    staff_agencies(request)  # 403 without an agency
    results: list[dict[str, Any]] = []
    problem = ""
    status = 200
    if request.method == "POST":
        try:
            outcomes = moderation.apply(
                action=request.POST.get("action", ""),
                ids=_ids(request.POST.getlist("ids")),
                by=request.user,
                reason=request.POST.get("reason", ""),
            )
        except WorkflowError as exc:
            problem, status = " ".join(exc.fields.values()) or exc.message, exc.status
        else:
            done = [o for o in outcomes if o.ok]
            results = [o.as_dict() for o in outcomes if not o.ok]
            if done:
                messages.success(request, _("Done for %(n)s letters.") % {"n": len(done)})
            if not results:
                return redirect("letters_staff:moderation")
            status = 409
    letters = list(moderation.moderation_queue(request.user).select_related("flagged_by"))
    context = {
        "letters": letters,
        "actions": [(name, str(label)) for name, label in ACTION_LABELS.items()],
        "results": results,
        "problem": problem,
        "chosen": _ids(request.POST.getlist("ids")) if request.method == "POST" else [],
    }
    return render(request, "backoffice/letters/moderation.html", context, status=status)


@login_required
@require_POST
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    """Flag a letter by hand from its page (``_flag.html``)."""
    staff_agencies(request)
    letter = selectors.get_letter_for_staff(request.user, pk)
    try:
        moderation.flag_letter(
            letter=letter,
            flag=request.POST.get("flag", ""),
            reason=request.POST.get("reason", ""),
            original_code=request.POST.get("original", ""),
            by=request.user,
        )
    except WorkflowError as exc:
        messages.error(request, " ".join(exc.fields.values()) or exc.message)
    else:
        messages.success(request, _("The letter is flagged: it waits in the moderation queue."))
    return redirect("letters_staff:detail", pk=letter.pk)
