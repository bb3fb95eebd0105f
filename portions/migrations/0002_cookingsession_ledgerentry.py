"""Names that say what they are: a cooking session is `CookingSession` (the word `Session`
already means Django's sessions), a line of the ledger is `LedgerEntry`. The tables are
renamed with them; every row stays."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portions", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Session", new_name="CookingSession"),
        migrations.RenameModel(old_name="Entry", new_name="LedgerEntry"),
        migrations.RenameIndex(
            model_name="ledgerentry",
            new_name="portions_le_group_i_6cd4cb_idx",
            old_name="portions_en_group_i_13bdc3_idx",
        ),
    ]
