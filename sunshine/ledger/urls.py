"""The ledger's staff pages, under /staff/ledger/ (namespace ``ledger``)."""

from django.urls import path

from sunshine.ledger import pages

app_name = "ledger"
urlpatterns = [
    path("", pages.ledger_page, name="ledger"),
    path("export.xlsx", pages.export_xlsx, name="export_xlsx"),
    path("export.pdf", pages.export_pdf, name="export_pdf"),
]
