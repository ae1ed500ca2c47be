"""Documents of a request for staff: /staff/requests/<id>/documents/<kind>.<pdf|docx>.

Included from ``sunshine.backoffice.urls`` under ``requests/``; reversed as
``backoffice:request_documents:download``.
"""

from django.urls import path

from sunshine.backoffice import documents

app_name = "request_documents"
urlpatterns = [
    path("<int:pk>/documents/<slug:kind>.<slug:fmt>", documents.download, name="download"),
]
