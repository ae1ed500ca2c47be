"""An index for a category's listing: its published revisions newest first, read in index order
(the public category page reads 20 rows of it instead of sorting every record of the category)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("records", "0002_seed_catalogues")]

    operations = [
        migrations.AddIndex(
            model_name="revision",
            index=models.Index(
                fields=["category", "status", "published_at", "id"], name="revision_category_published"
            ),
        ),
    ]
