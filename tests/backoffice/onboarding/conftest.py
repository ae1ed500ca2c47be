import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded import files go to a temporary folder, never to var/media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"
