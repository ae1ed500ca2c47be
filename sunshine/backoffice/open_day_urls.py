"""Back-office pages of open days, under /staff/open-days/ (namespace ``open_days_staff``)."""

from django.urls import path

from sunshine.backoffice import open_days

app_name = "open_days_staff"
urlpatterns = [
    path("", open_days.event_list, name="list"),
    path("new/", open_days.event_create, name="create"),
    path("<int:event_id>/", open_days.event_detail, name="event"),
    path("<int:event_id>/registrations.csv", open_days.export_csv, name="export_csv"),
    path("<int:event_id>/<slug:action>/", open_days.event_action, name="action"),
]
