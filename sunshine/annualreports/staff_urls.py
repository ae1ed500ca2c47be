from django.urls import path

from sunshine.annualreports import staff_views

app_name = "annualreports_staff"
urlpatterns = [
    path("", staff_views.report_list, name="list"),
    path("history/", staff_views.import_history_page, name="import_history"),
    path("<str:code>/<int:year>/", staff_views.report_detail, name="detail"),
    path("<str:code>/<int:year>/<str:action>/", staff_views.report_action, name="action"),
]
