"""The mid-2023 population by age band (the reporting store's bands, from 10), beside the totals:
the shipped mid-2023 release is loaded again from both files (ADR 0035)."""

from django.db import migrations, models


def load(apps, schema_editor):
    from liaison.geography.reference import Tables, load_reference

    load_reference(Tables.from_apps(apps))


class Migration(migrations.Migration):

    dependencies = [
        ('geography', '0002_reference_data'),
    ]

    operations = [
        migrations.AlterField(
            model_name='populationrelease',
            name='sha256',
            field=models.CharField(help_text="Digest of the file loaded (of its files' bytes in order, if several)", max_length=64),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
