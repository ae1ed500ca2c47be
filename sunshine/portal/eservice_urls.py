"""The public pages of services online, under /services/ (namespace ``eservices``)."""

from django.urls import include, path

from sunshine.portal import eservices

app_name = "eservices"
urlpatterns = [
    path("", eservices.catalogue, name="catalogue"),
    path("<str:code>/", eservices.guide, name="guide"),
    path("<str:code>/flow.svg", eservices.flow_svg, name="flow_svg"),
    path("<str:code>/apply/", include("sunshine.portal.case_apply_urls")),
    path("<str:code>/files/<slug:key>/<slug:purpose>/", eservices.material_file, name="material_file"),
]
