"""The public calendar pages: the deadline calculator and the year pages.

Included from the project's urls.py in the "workdays" namespace, together with the staff desk's pages
(``sunshine.backoffice.calendar.urls``) under staff/calendar/: ``workdays:deadline``, ``workdays:year``.
"""

from django.urls import path

from sunshine.portal import calendar

urlpatterns = [
    path("calendar/deadline/", calendar.deadline, name="deadline"),
    path("calendar/<int:year>/", calendar.year_detail, name="year"),
]
