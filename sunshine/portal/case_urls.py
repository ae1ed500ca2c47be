"""The applicant's pages of service cases, under /cases/ (namespace ``cases``)."""

from django.urls import path

from sunshine.portal import case_results, cases

app_name = "cases"
urlpatterns = [
    path("follow/", cases.follow, name="follow"),
    path("follow/materials/<slug:key>/", cases.send_material, name="send_material"),
    path("follow/documents/<slug:kind>/", cases.download_document, name="document"),
    path("results/", case_results.results_list, name="results"),
]
