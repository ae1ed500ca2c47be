"""政府开放日 on the portal, under /open-days/ (namespace ``open_days``)."""

from django.urls import path

from sunshine.portal import open_days

app_name = "open_days"
urlpatterns = [
    path("", open_days.event_list, name="list"),
    path("<int:event_id>/", open_days.event_detail, name="event"),
    path("<int:event_id>/registered/", open_days.registered, name="registered"),
    path("registrations/<int:registration_id>/cancel/<str:key>/", open_days.cancel, name="cancel"),
]
