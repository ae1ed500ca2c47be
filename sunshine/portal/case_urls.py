"""The applicant's pages of service cases, under /cases/ (namespace ``cases``)."""

from django.urls import path

from sunshine.portal import cases

app_name = "cases"
urlpatterns = [
    path("follow/", cases.follow, name="follow"),
    path("follow/materials/<slug:key>/", cases.send_material, name="send_material"),
    path("follow/<str:code>/<str:token>/", cases.private, name="private"),
]
