"""The default incident categories and the police feed's type mapping (see taxonomy.py).

Only missing rows are added: categories a coordinator changed are left as they are.
"""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from samtrygg.incidents.taxonomy import install_defaults

    install_defaults(apps.get_model("incidents", "Category"), apps.get_model("incidents", "PoliceTypeMapping"))


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
