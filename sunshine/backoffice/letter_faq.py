"""'Turn this reply into a common question' on a replied letter's staff page: a draft entry is made
from the letter (``faq.services.create_from_letter``) and opened for editing; it then goes through
the common questions' review (docs/faq.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.backoffice.requests import staff_agencies
from sunshine.core.workflow import WorkflowError, WorkflowForbidden
from sunshine.faq import services
from sunshine.letters import selectors


@login_required
@require_POST
def to_faq(request: HttpRequest, pk: int) -> HttpResponse:
    staff_agencies(request)  # 403 without an agency
    letter = selectors.get_letter_for_staff(request.user, pk)  # 404 beyond the person's agencies
    try:
        entry = services.create_from_letter(letter=letter, by=request.user)
    except WorkflowForbidden:
        raise  # 403
    except WorkflowError as exc:  # a letter not replied to: back to it, with the reason
        messages.error(request, exc.message)
        return redirect("letters_staff:detail", pk=letter.pk)
    messages.success(request, _("A draft common question was made from the reply: check it and change it."))
    return redirect("faq_staff:detail", entry_id=entry.pk)
