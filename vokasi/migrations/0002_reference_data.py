from django.db import migrations


def load_reference_data(apps, schema_editor):
    from vokasi.reference_loader import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("vokasi", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
