"""Attachments in the back office: add, replace and remove them on a draft, and download them (staff
only; unpublished files are never served to the public)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sunshine.backoffice.records.forms import AttachmentForm
from sunshine.backoffice.records.views import load, put_errors, render_detail
from sunshine.core.workflow import WorkflowForbidden
from sunshine.records import attachments as files
from sunshine.records import selectors, services
from sunshine.records.models import Attachment


def _attachment(request: HttpRequest, pk: int, attachment_id: int) -> Attachment:
    record = selectors.get_record_for_staff(request.user, pk)
    attachment = Attachment.objects.filter(pk=attachment_id, revision__record=record).first()
    if attachment is None:
        raise Http404(attachment_id)
    return attachment


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    record, revision = load(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachment = services.add_attachment(
                revision=revision, by=request.user, file=upload, name=upload.name
            )
        except WorkflowForbidden:
            raise
        except services.RecordError as exc:
            put_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” is attached.") % {"name": attachment.name})
            return redirect("records:detail", pk=pk)
    return render_detail(request, record, revision, status=422, attachment_form=form)


@login_required
@require_POST
def replace(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    attachment = _attachment(request, pk, attachment_id)
    record, revision = load(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid() and attachment.revision_id == revision.pk:
        upload = form.cleaned_data["file"]
        try:
            new = services.replace_attachment(
                attachment=attachment, by=request.user, file=upload, name=upload.name
            )
        except WorkflowForbidden:
            raise
        except services.RecordError as exc:
            put_errors(form, exc)
        else:
            messages.success(
                request, _("“%(old)s” is replaced by “%(new)s”.") % {"old": attachment.name, "new": new.name}
            )
            return redirect("records:detail", pk=pk)
    return render_detail(request, record, revision, status=422, attachment_form=form)


@login_required
@require_POST
def detach(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    attachment = _attachment(request, pk, attachment_id)
    try:
        services.remove_attachment(attachment=attachment, by=request.user)
    except WorkflowForbidden:
        raise
    except services.RecordError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("“%(name)s” is removed.") % {"name": attachment.name})
    return redirect("records:detail", pk=pk)


@login_required
def download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    attachment = _attachment(request, pk, attachment_id)
    return files.stored_download(attachment.file, attachment.name, attachment.kind, private=True)
