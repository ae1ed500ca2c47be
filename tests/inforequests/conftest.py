from __future__ import annotations

import datetime

import pytest

from sunshine.inforequests import services
from sunshine.inforequests.services import Applicant, Wanted

D = datetime.date

# A valid resident identity number (check character computed by GB 11643).
CITIZEN_ID = "11010519491231002X"


@pytest.fixture
def applicant() -> Applicant:
    return Applicant(
        kind="natural_person",
        name="陈小明",
        id_type="resident_id",
        id_number=CITIZEN_ID,
        phone="13800138000",
        email="chen@example.com",
        address="阳光市人民路1号",
    )


@pytest.fixture
def wanted() -> Wanted:
    return Wanted(
        description="2025年度阳光市教育局部门预算执行情况",
        document_number="阳教发〔2025〕3号",
        delivery_form="electronic",
        delivery_method="email",
    )


@pytest.fixture
def submit(tree, applicant, wanted):
    def make(day: D, agency=None, **kwargs):
        request, key = services.submit_request(
            agency=agency or tree["education"], applicant=applicant, wanted=wanted, today=day, **kwargs
        )
        return request, key

    return make
