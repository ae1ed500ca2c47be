"""The bulletin on the portal, under /bulletins/ (namespace ``bulletins``)."""

from django.urls import path

from sunshine.bulletins import public_pages

app_name = "bulletins"
urlpatterns = [
    path("", public_pages.archive, name="archive"),
    path("<int:year>/<int:number>/", public_pages.issue_page, name="issue"),
    path("<int:year>/<int:number>/issue.pdf", public_pages.issue_pdf, name="pdf"),
]
