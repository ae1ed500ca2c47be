"""The public annual report pages: /agencies/<code>/annual-reports/<year>/ and its downloads, named
``annualreports:report`` and ``annualreports:report_xlsx``, ``_pdf``, ``_docx``."""

from django.urls import path

from sunshine.portal import annual_reports

app_name = "annualreports"
urlpatterns = [
    path("agencies/<str:code>/annual-reports/<int:year>/", annual_reports.annual_report, name="report"),
    path(
        "agencies/<str:code>/annual-reports/<int:year>/report.xlsx",
        annual_reports.annual_report_xlsx,
        name="report_xlsx",
    ),
    path(
        "agencies/<str:code>/annual-reports/<int:year>/report.pdf",
        annual_reports.annual_report_pdf,
        name="report_pdf",
    ),
    path(
        "agencies/<str:code>/annual-reports/<int:year>/report.docx",
        annual_reports.annual_report_docx,
        name="report_docx",
    ),
]
