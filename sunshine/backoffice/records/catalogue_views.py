"""The disclosure office edits its agencies' catalogues: categories, their order and update interval."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sunshine.backoffice.records.forms import CategoryForm
from sunshine.backoffice.records.views import error_links
from sunshine.records import categories, selectors
from sunshine.records.actions import CATALOGUE_ROLES
from sunshine.records.models import Category


def _validation_to_form(form: CategoryForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, " ".join(error.messages))
    else:
        form.add_error(None, " ".join(exc.messages))


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agencies_with_roles(request.user, CATALOGUE_ROLES)
    if not agencies.exists():
        raise PermissionDenied
    code = request.GET.get("agency") or request.POST.get("agency")
    agency = agencies.filter(code=code).first() if code else agencies.first()
    if agency is None:
        raise Http404(code)
    if not Category.objects.filter(agency=agency).exists():
        categories.seed_catalogue(agency)
    form = CategoryForm(request.POST or None, agency=agency, initial={"is_active": True, "sort_order": 1000})
    if request.method == "POST" and form.is_valid():
        try:
            created = categories.create_category(agency=agency, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _validation_to_form(form, exc)
        else:
            messages.success(request, _("The category “%(name)s” is added.") % {"name": created.name})
            return redirect(f"{request.path}?agency={agency.code}")
    freshness = {f.category.pk: f for f in selectors.category_freshness(agency)}
    categories_of_agency = (
        Category.objects.filter(agency=agency).select_related("parent").order_by("sort_order", "pk")
    )
    context: dict[str, Any] = {
        "agencies": agencies,
        "agency": agency,
        "rows": [(c, freshness.get(c.pk)) for c in categories_of_agency],
        "form": form,
        "errors": error_links(form, "id_name"),
    }
    return render(request, "backoffice/records/catalogue.html", context, status=422 if form.errors else 200)


@login_required
def edit_category(request: HttpRequest, category_id: int) -> HttpResponse:
    category = Category.objects.select_related("agency").filter(pk=category_id).first()
    if category is None or not selectors.may_act(request.user, category.agency, CATALOGUE_ROLES):
        raise Http404(category_id)
    initial = {
        "name": category.name,
        "name_en": category.name_en,
        "parent": category.parent_id,
        "interval_days": category.interval_days,
        "sort_order": category.sort_order,
        "is_active": category.is_active,
    }
    form = CategoryForm(request.POST or None, agency=category.agency, exclude=category, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: value for name, value in form.cleaned_data.items() if name in form.changed_data}
        try:
            if changes:
                categories.update_category(category=category, by=request.user, **changes)
        except ValidationError as exc:
            _validation_to_form(form, exc)
        else:
            messages.success(request, _("The category is saved."))
            return redirect(f"{_catalogue_url()}?agency={category.agency.code}")
    context = {"category": category, "form": form, "errors": error_links(form, "id_name")}
    return render(
        request, "backoffice/records/category_form.html", context, status=422 if form.errors else 200
    )


def _catalogue_url() -> str:
    from django.urls import reverse

    return reverse("records:catalogue")
