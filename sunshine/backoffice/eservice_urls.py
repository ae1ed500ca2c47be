"""Back-office pages of service items and their guides, under /staff/eservices/ (namespace
``eservices_staff``)."""

from django.urls import path

from sunshine.backoffice import eservice_views

app_name = "eservices_staff"
urlpatterns = [
    path("", eservice_views.item_list, name="list"),
    path("new/", eservice_views.item_create, name="create"),
    path("<str:code>/", eservice_views.item_detail, name="item"),
    path("<str:code>/new-version/", eservice_views.version_start, name="new_version"),
    path("<str:code>/v<int:number>/", eservice_views.version_detail, name="version"),
    path("<str:code>/v<int:number>/step/<slug:action>/", eservice_views.version_action, name="action"),
    path(
        "<str:code>/v<int:number>/materials/<slug:key>/<slug:purpose>/",
        eservice_views.material_file,
        name="material_file",
    ),
    path(
        "<str:code>/v<int:number>/materials/<slug:key>/<slug:purpose>/remove/",
        eservice_views.material_file_remove,
        name="material_file_remove",
    ),
]
