from django.urls import path

from sunshine.backoffice.annualreports import views

app_name = "annualreports_staff"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("history/", views.import_history_page, name="import_history"),
    path("<str:code>/<int:year>/", views.report_detail, name="detail"),
    path("<str:code>/<int:year>/<str:action>/", views.report_action, name="action"),
]
