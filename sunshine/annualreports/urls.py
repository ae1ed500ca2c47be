from django.urls import path

from sunshine.annualreports import views

app_name = "annualreports"
urlpatterns = [
    path("agencies/<str:code>/annual-reports/<int:year>/", views.annual_report, name="report"),
    path(
        "agencies/<str:code>/annual-reports/<int:year>/report.xlsx",
        views.annual_report_xlsx,
        name="report_xlsx",
    ),
    path(
        "agencies/<str:code>/annual-reports/<int:year>/report.pdf",
        views.annual_report_pdf,
        name="report_pdf",
    ),
    path(
        "agencies/<str:code>/annual-reports/<int:year>/report.docx",
        views.annual_report_docx,
        name="report_docx",
    ),
]
