"""Top-level URLs: portal, staff back office, JSON API, Django admin, health check."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from sunshine.api.urls import api
from sunshine.core.views import healthz, switch_language
from sunshine.portal import calendar_urls

# One namespace for the calendar's pages: the public ones and the staff desk (workdays:deadline,
# workdays:staff_years, ...).
calendar_patterns: list[URLPattern | URLResolver] = [
    *calendar_urls.urlpatterns,
    path("staff/calendar/", include("sunshine.backoffice.calendar.urls")),
]
calendar_pages = (calendar_patterns, "workdays")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", switch_language, name="switch_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("staff/annual-reports/", include("sunshine.backoffice.annualreports.urls")),
    path("staff/records/", include("sunshine.backoffice.records.urls")),
    path("staff/faq/", include("sunshine.backoffice.faq_urls")),
    path("staff/letters/", include("sunshine.backoffice.letter_urls")),
    path("staff/cases/", include("sunshine.backoffice.case_urls")),
    path("staff/supervision/", include("sunshine.backoffice.supervision_urls")),
    path("staff/oversight/", include("sunshine.backoffice.oversight_urls")),
    path("staff/sitehealth/", include("sunshine.backoffice.sitehealth_urls")),
    path("staff/evaluations/", include("sunshine.backoffice.evaluation_urls")),
    path("staff/inspections/", include("sunshine.inspections.urls")),
    path("staff/newmedia/", include("sunshine.newmedia.urls")),
    path("staff/solicitations/", include("sunshine.backoffice.solicitation_urls")),
    path("staff/surveys/", include("sunshine.backoffice.survey_urls")),
    path("staff/hotline/", include("sunshine.backoffice.hotline_urls")),
    path("staff/open-days/", include("sunshine.backoffice.open_day_urls")),
    path("staff/eservices/", include("sunshine.backoffice.eservice_urls")),
    path("staff/ledger/", include("sunshine.ledger.urls")),
    path("staff/", include("sunshine.backoffice.onboarding.urls")),  # import/, welcome/
    path("staff/", include("sunshine.backoffice.urls")),
    path("", include(calendar_pages)),
    path("lobby/", include("sunshine.portal.lobby.urls")),
    path("faq/", include("sunshine.portal.faq_urls")),
    path("letters/", include("sunshine.portal.letter_urls")),
    path("", include("sunshine.portal.evaluation_urls")),  # before cases/ and services/
    path("cases/", include("sunshine.portal.case_urls")),
    path("open-days/", include("sunshine.portal.open_day_urls")),
    path("services/", include("sunshine.portal.eservice_urls")),
    path("", include("sunshine.portal.annual_report_urls")),
    path("solicitations/", include("sunshine.portal.solicitation_urls")),
    path("surveys/", include("sunshine.portal.survey_urls")),
    path("oversight/rankings/", include("sunshine.portal.ranking_urls")),
    path("new-media/", include("sunshine.newmedia.public_urls")),
    path("", include("sunshine.portal.urls")),
]
