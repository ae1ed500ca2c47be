"""Staff pages of inspections, under /staff/inspections/ (namespace ``inspections_staff``)."""

from django.urls import path

from sunshine.inspections import views

app_name = "inspections_staff"
urlpatterns = [
    path("", views.index, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", views.inspection_action, name="action"),
    path("<int:pk>/results/", views.record_results, name="results"),
    path("<int:pk>/findings/", views.add_finding, name="add_finding"),
    path("<int:pk>/notice.<slug:fmt>", views.notice, name="notice"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications/<int:pk>/", views.rectification, name="rectification"),
    path(
        "rectifications/<int:pk>/actions/<slug:action>/",
        views.rectification_action,
        name="rectification_action",
    ),
    path("agencies/<str:code>/", views.agency, name="agency"),
    path(
        "agencies/<str:code>/complaints/<int:letter_id>/rectify/",
        views.rectify_complaint,
        name="rectify_complaint",
    ),
]
