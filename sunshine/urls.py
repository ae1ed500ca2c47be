"""Top-level URLs: portal, staff back office, JSON API, Django admin, health check."""

from django.contrib import admin
from django.urls import include, path

from sunshine.api.urls import api
from sunshine.core.views import healthz, switch_language

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", switch_language, name="switch_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("staff/annual-reports/", include("sunshine.annualreports.staff_urls")),
    path("staff/records/", include("sunshine.records.urls")),
    path("staff/", include("sunshine.backoffice.urls")),
    path("", include("sunshine.workdays.urls")),
    path("", include("sunshine.annualreports.urls")),
    path("", include("sunshine.portal.urls")),
]
