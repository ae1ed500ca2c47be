"""The bulletin's staff pages, under /staff/bulletins/ (namespace ``bulletins_staff``)."""

from django.urls import path

from sunshine.bulletins import staff_pages

app_name = "bulletins_staff"
urlpatterns = [
    path("", staff_pages.issue_list, name="list"),
    path("new/", staff_pages.issue_create, name="create"),
    path("<int:issue_id>/", staff_pages.issue_detail, name="issue"),
    path("<int:issue_id>/issue.pdf", staff_pages.issue_pdf, name="pdf"),
    path("<int:issue_id>/add/", staff_pages.entry_add, name="add"),
    path("<int:issue_id>/publish/", staff_pages.issue_publish, name="publish"),
    path("<int:issue_id>/entries/<int:entry_id>/<slug:action>/", staff_pages.entry_action, name="entry"),
]
