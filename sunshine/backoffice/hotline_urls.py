"""The 96128 hotline seat, under /staff/hotline/ (namespace ``hotline``)."""

from django.urls import path

from sunshine.backoffice import hotline

app_name = "hotline"
urlpatterns = [
    path("", hotline.seat, name="seat"),
]
