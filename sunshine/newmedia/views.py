"""Staff pages of new-media accounts under /staff/newmedia/ (namespace ``newmedia_staff``): the
registry per agency with each account's health flags, a new account, an account's page (details,
steps, posts, the count of unanswered messages, history), and the cross-posting of a published
record (the form sits on the record's staff page). Thin views: the rules are in the services and
selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sunshine.agencies.selectors import agencies_for_staff
from sunshine.core.workflow import WorkflowError
from sunshine.newmedia import health, selectors, services
from sunshine.newmedia.actions import ACCOUNT, ACCOUNT_ACTIONS
from sunshine.newmedia.forms import AccountForm, MessagesForm, PostForm, QueueForm, StepForm, step_form
from sunshine.newmedia.models import Account
from sunshine.records.selectors import get_record_for_staff


def _staff(request: HttpRequest) -> None:
    if not agencies_for_staff(request.user).exists():
        raise PermissionDenied


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The accounts of the person's agencies, per agency, with their health flags today."""
    _staff(request)
    today = timezone.localdate()
    accounts = selectors.accounts_for(request.user)
    code = request.GET.get("agency", "").strip()
    if code:
        accounts = accounts.filter(agency__code=code)
    rows = health.health_of(
        accounts.order_by("agency__path", "agency__sort_order", "platform", "name")[:1000], today
    )
    groups: list[dict[str, Any]] = []
    for row in rows:
        if not groups or groups[-1]["agency"].pk != row.account.agency_id:
            groups.append({"agency": row.account.agency, "rows": []})
        groups[-1]["rows"].append(row)
    context = {
        "groups": groups,
        "today": today,
        "agency_code": code,
        "may_create": selectors.kept_agencies(request.user).exists(),
        "flagged": sum(1 for row in rows if row.flagged),
    }
    return render(request, "newmedia/index.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    _staff(request)
    scope = selectors.kept_agencies(request.user)
    if not scope.exists():
        raise PermissionDenied
    form = AccountForm(request.POST or None, agencies=scope)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            agency = form.cleaned_data.get("agency")
            if agency is None:
                form.add_error("agency", _("Choose the agency."))
            else:
                try:
                    account = services.register_account(
                        by=request.user, agency=agency, data=form.account_input()
                    )
                except WorkflowError as exc:
                    form.add_service_errors(exc.fields or {"__all__": exc.message})
                else:
                    messages.success(request, _("The account is registered."))
                    return redirect("newmedia_staff:detail", pk=account.pk)
        status = 422
    return render(request, "newmedia/create.html", {"form": form}, status=status)


def _render_detail(
    request: HttpRequest,
    account: Account,
    *,
    bound: StepForm | None = None,
    post_form: PostForm | None = None,
    messages_form: MessagesForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    targets = selectors.merge_targets(account)
    forms = [
        {
            "name": name,
            "texts": ACCOUNT_ACTIONS[name].texts,
            "form": bound if bound is not None and bound.prefix == name else step_form(name, targets=targets),
        }
        for name in selectors.account_actions(request.user, account)
    ]
    today = timezone.localdate()
    keeper = selectors.may_keep(request.user, account.agency)
    context = {
        "account": account,
        "health": health.health_of([account], today)[0],
        "keeper": keeper,
        "forms": forms,
        "bound": bound,
        "problem": problem,
        "posts": list(
            account.posts.select_related("record").order_by("-posted_on", "-created_at", "-pk")[:100]
        ),
        "post_form": post_form or PostForm(initial={"posted_on": today}),
        "messages_form": messages_form or MessagesForm(initial={"unanswered": account.unanswered_messages}),
        "events": [
            {"e": e, "text": ACCOUNT.history_text(e.action)} for e in account.events.select_related("by")
        ],
    }
    return render(request, "newmedia/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    return _render_detail(request, selectors.get_account(request.user, pk))


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    account = selectors.get_account(request.user, pk)
    if not selectors.may_keep(request.user, account.agency):
        raise PermissionDenied
    form = AccountForm(request.POST) if request.method == "POST" else AccountForm.of(account)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.edit_account(by=request.user, account=account, data=form.account_input())
            except WorkflowError as exc:
                form.add_service_errors(exc.fields or {"__all__": exc.message})
            else:
                messages.success(request, _("The account's details are saved."))
                return redirect("newmedia_staff:detail", pk=account.pk)
        status = 422
    return render(request, "newmedia/edit.html", {"form": form, "account": account}, status=status)


@login_required
@require_POST
def account_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _staff(request)
    account = selectors.get_account(request.user, pk)
    if action not in ACCOUNT_ACTIONS:
        raise Http404(action)
    form = step_form(action, request.POST, targets=selectors.merge_targets(account))
    if not form.is_valid():
        return _render_detail(request, account, bound=form, status=422)
    try:
        services.perform_account_action(
            account=account, action=action, by=request.user, date=form.step_date(), input=form.inputs()
        )
    except WorkflowError as exc:
        if exc.status == 403:
            raise
        account = selectors.get_account(request.user, pk)
        if exc.fields:
            form.add_service_errors(exc.fields)
            return _render_detail(request, account, bound=form, status=exc.status)
        return _render_detail(request, account, problem=exc.message, status=exc.status)
    messages.success(request, str(ACCOUNT_ACTIONS[action].texts.history))
    return redirect("newmedia_staff:detail", pk=pk)


@login_required
@require_POST
def add_post(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    account = selectors.get_account(request.user, pk)
    form = PostForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_post(
                by=request.user,
                account=account,
                title=data["title"] or "",
                posted_on=data["posted_on"],
                url=data["url"] or "",
            )
        except WorkflowError as exc:
            form.add_service_errors(exc.fields or {"__all__": exc.message})
        else:
            messages.success(request, _("The post is entered."))
            return redirect("newmedia_staff:detail", pk=pk)
    return _render_detail(request, account, post_form=form, status=422)


@login_required
@require_POST
def count_messages(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    account = selectors.get_account(request.user, pk)
    form = MessagesForm(request.POST)
    if form.is_valid():
        try:
            services.count_messages(
                by=request.user, account=account, unanswered=form.cleaned_data["unanswered"] or 0
            )
        except WorkflowError as exc:
            form.add_service_errors(exc.fields or {"__all__": exc.message})
        else:
            messages.success(request, _("The count of unanswered messages is saved."))
            return redirect("newmedia_staff:detail", pk=pk)
    return _render_detail(request, account, messages_form=form, status=422)


@login_required
@require_POST
def queue_record(request: HttpRequest, record_pk: int) -> HttpResponse:
    """Queue a published record (from its staff page) to chosen active accounts of its agency."""
    record = get_record_for_staff(request.user, record_pk)
    form = QueueForm(request.POST, accounts=selectors.active_accounts_of(record.agency))
    back = redirect(f"{_record_page(record.pk)}#newmedia")
    if not form.is_valid():
        messages.error(request, _("Choose active accounts of the record's agency."))
        return back
    try:
        created = services.queue_record(
            by=request.user, record=record, accounts=list(form.cleaned_data["accounts"])
        )
    except WorkflowError as exc:
        messages.error(request, "; ".join(exc.fields.values()) or exc.message)
        return back
    messages.success(
        request,
        ngettext(
            "Queued to %(n)s account: the post goes out with the next push.",
            "Queued to %(n)s accounts: the posts go out with the next push.",
            len(created),
        )
        % {"n": len(created)},
    )
    return back


def _record_page(pk: int) -> str:
    from django.urls import reverse

    return reverse("records:detail", args=[pk])
