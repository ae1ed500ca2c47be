"""Back-office pages of records, under /staff/records/."""

from django.urls import path

from sunshine.backoffice.records import catalogue_views, file_views, review_views, views

app_name = "records"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("new/", views.create, name="create"),
    path("catalogue/", catalogue_views.catalogue, name="catalogue"),
    path("catalogue/<int:category_id>/", catalogue_views.edit_category, name="category"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/review/", review_views.review, name="review"),
    path("<int:pk>/review/override/", review_views.override, name="override"),
    path("<int:pk>/attachments/", file_views.attach, name="attach"),
    path("<int:pk>/attachments/<int:attachment_id>/", file_views.download, name="attachment"),
    path("<int:pk>/attachments/<int:attachment_id>/replace/", file_views.replace, name="replace"),
    path("<int:pk>/attachments/<int:attachment_id>/remove/", file_views.detach, name="detach"),
    path("<int:pk>/<slug:action>/", views.take_action, name="action"),
]
