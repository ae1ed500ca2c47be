from django.urls import path

from sunshine.workdays import views

# Included by the project's urls.py in the "workdays" namespace, with the staff desk's pages
# (sunshine.backoffice.calendar.urls) under staff/calendar/.
urlpatterns = [
    path("calendar/deadline/", views.deadline, name="deadline"),
    path("calendar/<int:year>/", views.year_detail, name="year"),
]
