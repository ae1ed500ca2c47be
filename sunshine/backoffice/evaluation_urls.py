"""Staff pages of service evaluation, under /staff/evaluations/ (namespace ``evaluations_staff``)."""

from django.urls import path

from sunshine.backoffice import evaluations

app_name = "evaluations_staff"
urlpatterns = [
    path("", evaluations.rectifications, name="list"),
    path("<int:pk>/", evaluations.detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", evaluations.take_action, name="action"),
    path("counters/", evaluations.counters, name="counters"),
    path("counters/<str:code>/<slug:key>/", evaluations.counter_sheet, name="counter_sheet"),
    path("counters/<str:code>/<slug:key>/qr.svg", evaluations.counter_qr, name="counter_qr"),
]
