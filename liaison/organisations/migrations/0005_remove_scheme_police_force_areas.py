from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_footprints_from_force_areas")]

    operations = [migrations.RemoveField(model_name="scheme", name="police_force_areas")]
