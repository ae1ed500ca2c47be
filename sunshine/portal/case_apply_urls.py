"""Applying for a service through the pages, under /services/<code>/apply/ (namespace
``eservices:apply``)."""

from django.urls import path

from sunshine.portal import case_apply

app_name = "apply"
urlpatterns = [
    path("", case_apply.tasks, name="tasks"),
    path("details/", case_apply.details, name="details"),
    path("materials/<slug:key>/", case_apply.material, name="material"),
    path("check/", case_apply.check, name="check"),
    path("done/", case_apply.done, name="done"),
]
