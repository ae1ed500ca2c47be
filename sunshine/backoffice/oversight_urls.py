"""Staff pages of oversight, under /staff/oversight/ (namespace ``oversight_staff``)."""

from django.urls import path

from sunshine.backoffice import oversight, oversight_rankings

app_name = "oversight_staff"
urlpatterns = [
    path("", oversight.overview, name="overview"),
    path("schemes/", oversight_rankings.schemes, name="schemes"),
    path("schemes/new/", oversight_rankings.scheme_form, name="scheme_new"),
    path("schemes/<slug:code>/edit/", oversight_rankings.scheme_form, name="scheme_edit"),
    path("rankings/<slug:code>/", oversight_rankings.ranking, name="ranking"),
    path("rankings/<slug:code>/<str:period>/publish/", oversight_rankings.publish, name="ranking_publish"),
    path("rankings/<slug:code>/<str:period>/xlsx/", oversight_rankings.export_xlsx, name="ranking_xlsx"),
    path("<str:code>/<str:period>/<slug:indicator>/", oversight.rows, name="rows"),
]
