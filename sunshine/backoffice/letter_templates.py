"""Reply templates of letters in the back office (/staff/letters/templates/): the agency's officers and
its disclosure office list, add, change and deactivate the texts a reply starts from. Thin views: the
rules and the audit are ``letters.replies.templates``'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.agencies.models import Agency
from sunshine.core.workflow import WorkflowError
from sunshine.letters.codes import Kind
from sunshine.letters.models import LetterReplyTemplate
from sunshine.letters.replies import templates


class LetterTemplateForm(forms.Form):
    agency = forms.ChoiceField(label=gettext_lazy("Agency"))
    kind = forms.ChoiceField(label=gettext_lazy("Kind of letter"), required=False)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=templates.MAX_TITLE, required=False)
    text = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=templates.MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    is_active = forms.BooleanField(label=gettext_lazy("Offered when a reply starts"), required=False)

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = {a.code: a for a in agencies}
        agency = self.fields["agency"]
        kind = self.fields["kind"]
        assert isinstance(agency, forms.ChoiceField)
        assert isinstance(kind, forms.ChoiceField)
        agency.choices = [(a.code, a.display_name) for a in agencies]
        kind.choices = [("", _("Every kind")), *Kind.choices]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "agency": self.agencies[data["agency"]],
            "kind": data.get("kind") or "",
            "title": data.get("title") or "",
            "text": data.get("text") or "",
            "is_active": bool(data.get("is_active")),
        }


def _agencies(request: HttpRequest) -> list[Agency]:
    """The agencies whose templates the person keeps; 403 when none."""
    found = list(templates.managed_agencies(request.user).order_by("path"))
    if not found:
        raise PermissionDenied
    return found


def _template(request: HttpRequest, template_id: int) -> LetterReplyTemplate:
    found = templates.templates_for_staff(request.user).filter(pk=template_id).first()
    if found is None:
        raise Http404(template_id)
    return found


def _placeholders() -> list[tuple[str, str]]:
    return [(f"{{{name}}}", str(label)) for name, label in templates.PLACEHOLDERS.items()]


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _agencies(request)
    rows = templates.templates_for_staff(request.user).order_by("agency__path", "-is_active", "kind", "title")
    return render(request, "backoffice/letters/templates.html", {"rows": rows})


def _form_page(
    request: HttpRequest, form: LetterTemplateForm, template: LetterReplyTemplate | None, status: int = 200
) -> HttpResponse:
    context = {"form": form, "template": template, "placeholders": _placeholders()}
    return render(request, "backoffice/letters/template_form.html", context, status=status)


def _save(
    request: HttpRequest,
    agencies: list[Agency],
    template: LetterReplyTemplate | None,
    initial: dict[str, Any],
) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, LetterTemplateForm(initial=initial, agencies=agencies), template)
    form = LetterTemplateForm(request.POST, agencies=agencies)
    if not form.is_valid():
        return _form_page(request, form, template, status=422)
    try:
        templates.save_template(by=request.user, template=template, **form.values())
    except WorkflowError as exc:
        if exc.status == 403:
            raise PermissionDenied from exc
        for name, message in exc.fields.items():
            form.add_error(name if name in form.fields else None, message)
        return _form_page(request, form, template, status=exc.status)
    messages.success(request, _("The reply template is saved."))
    return redirect("letters_staff:templates")


@login_required
def template_new(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    return _save(request, agencies, None, {"is_active": True})


@login_required
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    agencies = _agencies(request)
    found = _template(request, template_id)
    initial = {
        "agency": found.agency.code,
        "kind": found.kind,
        "title": found.title,
        "text": found.text,
        "is_active": found.is_active,
    }
    return _save(request, agencies, found, initial)


@login_required
@require_POST
def template_deactivate(request: HttpRequest, template_id: int) -> HttpResponse:
    _agencies(request)
    found = _template(request, template_id)
    templates.deactivate_template(by=request.user, template=found)
    messages.success(request, _("The reply template is no longer offered."))
    return redirect("letters_staff:templates")
