"""The public pages of service evaluation (namespace ``evaluations``), mounted at the site's root
before the case and service pages: /cases/evaluation/, /cases/rate/<token>/, /services/evaluations/
and /services/<code>/windows/<key>/rate/."""

from django.urls import path

from sunshine.portal import evaluations

app_name = "evaluations"
urlpatterns = [
    path("cases/evaluation/", evaluations.rate_case, name="rate_case"),
    path("cases/rate/<str:token>/", evaluations.rating_link, name="link"),
    path("services/evaluations/", evaluations.statistics, name="statistics"),
    path("services/<str:code>/windows/<slug:key>/rate/", evaluations.rate_counter, name="counter"),
]
