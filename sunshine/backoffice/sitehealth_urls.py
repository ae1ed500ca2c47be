"""Staff pages of website health, under /staff/sitehealth/ (namespace ``sitehealth_staff``)."""

from django.urls import path

from sunshine.backoffice import sitehealth

app_name = "sitehealth_staff"
urlpatterns = [
    path("", sitehealth.overview, name="overview"),
    path("<str:code>/", sitehealth.agency, name="agency"),
]
