from django.contrib.auth import views as auth_views
from django.urls import include, path

from sunshine.backoffice import (
    desk_views,
    interaction,
    reply_drafts,
    request_detail,
    requests,
    two_factor,
    views,
)

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", two_factor.LoginView.as_view(), name="login"),
    path("login/code/", two_factor.login_code, name="login_code"),
    path("account/two-factor/", two_factor.overview, name="two_factor"),
    path("account/two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path("account/two-factor/recovery-codes/", two_factor.recovery, name="two_factor_recovery"),
    path("account/two-factor/remove/", two_factor.remove, name="two_factor_remove"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", views.audit_log, name="audit"),
    path("desk/<slug:name>/", desk_views.desk, name="desk"),
    path("interaction/", interaction.interaction, name="interaction"),
    path("requests/", requests.queue, name="request_queue"),
    path("requests/export.csv", requests.export_csv, name="request_export_csv"),
    path("requests/export.xlsx", requests.export_xlsx, name="request_export_xlsx"),
    path("requests/new/", requests.register, name="request_register"),
    path("requests/new/done/", requests.registered, name="request_registered"),
    path("requests/<int:pk>/", request_detail.detail, name="request_detail"),
    path("requests/<int:pk>/actions/<slug:action>/", request_detail.take_action, name="request_action"),
    path("requests/<int:pk>/reviews/", request_detail.add_review_view, name="request_review"),
    path("requests/<int:pk>/assign/", request_detail.assign_view, name="request_assign"),
    path("requests/<int:pk>/files/<int:file_id>/", request_detail.download_file, name="request_file"),
    path("requests/<int:pk>/new-key/", request_detail.renew_key_view, name="request_new_key"),
    path("requests/<int:pk>/reply/", reply_drafts.save, name="reply_save"),
    path("requests/<int:pk>/reply/files/", reply_drafts.add_files, name="reply_files"),
    path(
        "requests/<int:pk>/reply/files/<int:file_id>/remove/",
        reply_drafts.remove_file,
        name="reply_file_remove",
    ),
    path("requests/<int:pk>/reply/steps/<slug:action>/", reply_drafts.take_step, name="reply_step"),
    # /staff/requests/<id>/documents/<kind>.<pdf|docx>: backoffice:request_documents:download
    path("requests/", include("sunshine.backoffice.document_urls")),
]
