"""Public pages. Nothing here shows data that is not public."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sunshine.agencies.models import Agency, AgencyKind
from sunshine.agencies.selectors import get_public_agency, public_agencies
from sunshine.portal.caching import public_listing
from sunshine.portal.column import disclosure_column
from sunshine.portal.records import agency_sections, ancestors_of, home_sections

# The order in which the home page lists the kinds of agencies below the top government.
KIND_ORDER = [AgencyKind.DEPARTMENT, AgencyKind.GOVERNMENT, AgencyKind.TOWNSHIP, AgencyKind.VILLAGE]


@dataclass
class KindGroup:
    """The agencies of one kind, with the kind's translated label."""

    kind: AgencyKind
    agencies: list[Agency]

    @property
    def label(self) -> str:
        return str(self.kind.label)


@dataclass
class TreeNode:
    agency: Agency
    children: list[TreeNode] = field(default_factory=list)


def group_by_kind(agencies: list[Agency]) -> list[KindGroup]:
    groups = [KindGroup(kind, [a for a in agencies if a.kind == kind]) for kind in KIND_ORDER]
    return [group for group in groups if group.agencies]


def build_tree(agencies: list[Agency]) -> list[TreeNode]:
    """Nests agencies under their parents, keeping the given order among siblings.

    An agency whose parent is not in the list (an inactive parent) is shown at the top level.
    """
    nodes = {agency.pk: TreeNode(agency) for agency in agencies}
    roots: list[TreeNode] = []
    for agency in agencies:
        parent = nodes.get(agency.parent_id) if agency.parent_id else None
        (parent.children if parent else roots).append(nodes[agency.pk])
    return roots


def top_governments() -> list[Agency]:
    """The governments at the root of the tree; the first one is the portal's own government."""
    return list(public_agencies().filter(parent__isnull=True).order_by("sort_order", "code"))


@public_listing
def home(request: HttpRequest) -> HttpResponse:
    governments = top_governments()
    top = governments[0] if governments else None
    below = list(public_agencies().filter(parent=top).order_by("sort_order", "code")) if top else []
    context = {
        "top": top,
        "kind_groups": group_by_kind(below),
        "other_governments": governments[1:],
        "report_year": timezone.localdate().year - 1,
        **home_sections(top, below),
    }
    return render(request, "portal/home.html", context)


@public_listing
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = list(public_agencies().order_by("sort_order", "code"))
    roots = build_tree(agencies)
    top = roots[0].agency if roots else None
    return render(request, "portal/agency_list.html", {"roots": roots, "count": len(agencies), "top": top})


@public_listing
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_public_agency(code)
    children = list(agency.children.filter(is_active=True).order_by("sort_order", "code"))
    ancestors = ancestors_of(agency)
    return render(
        request,
        "portal/agency_detail.html",
        {
            "agency": agency,
            "children": children,
            "kind_groups": group_by_kind(children),
            "ancestors": ancestors,
            "top": ancestors[0] if ancestors else agency,
            **agency_sections(agency),
            **disclosure_column(agency, timezone.localdate()),
        },
    )
