from django.urls import path

from sunshine.portal import requests, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<str:code>/", views.agency_detail, name="agency_detail"),
    path(
        "agencies/<str:code>/requests/statistics/",
        requests.agency_statistics,
        name="agency_request_statistics",
    ),
    path("requests/apply/", requests.apply, name="request_apply"),
    path("requests/apply/submitted/", requests.submitted, name="request_submitted"),
    path("requests/status/", requests.status, name="request_status"),
    path("requests/status/withdraw/", requests.withdraw, name="request_withdraw"),
]
