"""The applicant's pages of service cases, under /cases/ (namespace ``cases``)."""

from django.urls import path

from sunshine.portal import case_results, cases

app_name = "cases"
urlpatterns = [
    path("follow/", cases.follow, name="follow"),
    path("follow/materials/<slug:key>/", cases.send_material, name="send_material"),
    path("follow/documents/<slug:kind>/", cases.download_document, name="document"),
    # After the two-segment paths above: a private link is any code and token.
    path("follow/<str:code>/<str:token>/", cases.private, name="private"),
    path("results/", case_results.results_list, name="results"),
]
