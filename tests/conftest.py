"""Shared fixtures: a small agency tree and named personas, one per role.

The tree:   City (government)
            ├── Education (department)  ── Education office (department below it)
            ├── Finance (department)
            └── East District (government)
                 ├── District Health (department)
                 └── Riverside Street (township) ── Willow Community (village)
            Other City (government), a separate tree
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from sunshine.agencies import services
from sunshine.agencies.models import Agency, AgencyKind, Role
from sunshine.portal.middleware import recent_pages

PASSWORD = "correct horse battery staple 2026"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (Redis in CI is shared by the tests of a run) and no page
    kept in this process's memory."""
    cache.clear()
    recent_pages.clear()
    yield
    cache.clear()
    recent_pages.clear()


@pytest.fixture
def replies_without_review(settings):
    """Agencies that send replies without review and sign-off (their setting turned off): for tests
    of the reply step itself and of what follows it. Review is on by default."""
    settings.SUNSHINE_REPLY_REVIEW_DEFAULT = False


@pytest.fixture
def tree(db) -> dict[str, Agency]:
    def make(code: str, kind: str, name: str, parent: Agency | None = None, **extra) -> Agency:
        return services.create_agency(by=None, code=code, kind=kind, name=name, parent=parent, **extra)

    city = make(
        "CITY",
        AgencyKind.GOVERNMENT,
        "阳光市人民政府",
        name_en="Sunshine City Government",
        office_name="阳光市人民政府办公室",
        phone="0571-12345678",
    )
    education = make("CITY-EDU", AgencyKind.DEPARTMENT, "阳光市教育局", city, name_en="Education Bureau")
    edu_office = make("CITY-EDU-EXAM", AgencyKind.DEPARTMENT, "阳光市教育考试院", education)
    finance = make("CITY-FIN", AgencyKind.DEPARTMENT, "阳光市财政局", city)
    district = make("EAST", AgencyKind.GOVERNMENT, "东城区人民政府", city)
    health = make("EAST-HEALTH", AgencyKind.DEPARTMENT, "东城区卫生健康局", district)
    street = make("EAST-RIVER", AgencyKind.TOWNSHIP, "河畔街道办事处", district)
    community = make("EAST-RIVER-WILLOW", AgencyKind.VILLAGE, "柳树社区居民委员会", street)
    other = make("OTHER", AgencyKind.GOVERNMENT, "邻市人民政府")
    return {
        "city": city,
        "education": education,
        "edu_office": edu_office,
        "finance": finance,
        "district": district,
        "health": health,
        "street": street,
        "community": community,
        "other": other,
    }


@pytest.fixture
def make_user(db):
    def make(username: str, *, agency: Agency | None = None, role: str | None = None, **extra):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
        if agency is not None and role is not None:
            services.grant_role(by=None, user=user, agency=agency, role=role)
        return user

    return make


@pytest.fixture
def admin_user(make_user):
    return make_user("root", is_superuser=True, is_staff=True)


@pytest.fixture
def alice(make_user, tree):
    """Alice is an information officer of the city's Education Bureau."""
    return make_user("alice", agency=tree["education"], role=Role.OFFICER)


@pytest.fixture
def olga(make_user, tree):
    """Olga works in the city government's disclosure office."""
    return make_user("olga", agency=tree["city"], role=Role.DISCLOSURE_OFFICE)


@pytest.fixture
def sam(make_user, tree):
    """Sam is a supervisor of East District."""
    return make_user("sam", agency=tree["district"], role=Role.SUPERVISOR)
