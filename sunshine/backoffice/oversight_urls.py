"""Staff pages of oversight, under /staff/oversight/ (namespace ``oversight_staff``)."""

from django.urls import path

from sunshine.backoffice import oversight

app_name = "oversight_staff"
urlpatterns = [
    path("", oversight.overview, name="overview"),
    path("<str:code>/<str:period>/<slug:indicator>/", oversight.rows, name="rows"),
]
