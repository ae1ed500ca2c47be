"""The portal's page of new-media accounts, under /new-media/ (namespace ``newmedia``)."""

from django.urls import path

from sunshine.newmedia import public_views

app_name = "newmedia"
urlpatterns = [
    path("", public_views.account_list, name="list"),
    path("<int:pk>/qr.svg", public_views.account_qr, name="qr"),
]
