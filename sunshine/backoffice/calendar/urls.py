"""The calendar desk under /staff/calendar/.

Included from the project's urls.py inside the "workdays" namespace, next to the public calendar pages,
so the names stay ``workdays:staff_years``, ``workdays:staff_enter`` and ``workdays:staff_import``.
"""

from django.urls import path

from sunshine.backoffice.calendar import views

urlpatterns = [
    path("", views.staff_years, name="staff_years"),
    path("enter/", views.staff_enter_year, name="staff_enter"),
    path("import/", views.staff_import_year, name="staff_import"),
]
