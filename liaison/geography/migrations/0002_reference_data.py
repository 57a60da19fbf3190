"""Load the shipped reference geography: the 2023 local authority lookup (39 force areas, 9
regions), the ONS mid-2023 population estimates and Census 2021 ethnic groups by force area."""

from django.db import migrations


def load(apps, schema_editor):
    from liaison.geography.reference import Tables, load_reference

    load_reference(Tables.from_apps(apps))


class Migration(migrations.Migration):
    dependencies = [("geography", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
