"""Facilitation's models now belong to the `facilitation` app (its 0001 takes them over
with their tables): `groups` forgets them without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("groups", "0003_facilitation"),
        ("facilitation", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Contact"),
                migrations.DeleteModel(name="FacilitationReminder"),
                migrations.DeleteModel(name="FollowUp"),
            ],
        ),
    ]
