from django.urls import path

from sunshine.workdays import views

app_name = "workdays"
urlpatterns = [
    path("calendar/deadline/", views.deadline, name="deadline"),
    path("calendar/<int:year>/", views.year_detail, name="year"),
    # Back office (the project's "staff/" include has no catch-all, so these resolve here).
    path("staff/calendar/", views.staff_years, name="staff_years"),
    path("staff/calendar/enter/", views.staff_enter_year, name="staff_enter"),
    path("staff/calendar/import/", views.staff_import_year, name="staff_import"),
]
