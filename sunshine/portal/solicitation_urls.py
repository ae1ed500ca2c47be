"""The public pages of solicitations, under /solicitations/ (namespace ``solicitations``)."""

from django.urls import path

from sunshine.portal import solicitations

app_name = "solicitations"
urlpatterns = [
    path("", solicitations.solicitation_list, name="list"),
    path("<int:pk>/", solicitations.solicitation_detail, name="detail"),
]
