"""Staff pages of new-media accounts, under /staff/newmedia/ (namespace ``newmedia_staff``)."""

from django.urls import path

from sunshine.newmedia import views

app_name = "newmedia_staff"
urlpatterns = [
    path("", views.index, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/actions/<slug:action>/", views.account_action, name="action"),
    path("<int:pk>/posts/", views.add_post, name="add_post"),
    path("<int:pk>/messages/", views.count_messages, name="messages"),
    path("records/<int:record_pk>/queue/", views.queue_record, name="queue"),
]
