"""The default incident categories and the police feed's type mapping (see taxonomy.py).

Only missing rows are added: categories a coordinator changed are left as they are.
"""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from samtrygg.incidents import taxonomy

    Category = apps.get_model("incidents", "Category")
    PoliceTypeMapping = apps.get_model("incidents", "PoliceTypeMapping")
    by_code = {}
    for code, name_sv, name_en, group, colour, harm, near_repeat, order in taxonomy.CATEGORIES:
        category, _ = Category.objects.get_or_create(
            code=code,
            defaults={
                "name_sv": name_sv,
                "name_en": name_en,
                "group": group,
                "colour": colour,
                "harm_weight": harm,
                "near_repeat": near_repeat,
                "order": order,
            },
        )
        by_code[code] = category
    for police_type, code in taxonomy.POLICE_INCIDENT_TYPES.items():
        PoliceTypeMapping.objects.get_or_create(
            police_type=police_type, defaults={"action": "incident", "category": by_code[code]}
        )
    for police_type in taxonomy.POLICE_SUMMARY_TYPES:
        PoliceTypeMapping.objects.get_or_create(
            police_type=police_type, defaults={"action": "summary"}
        )
    for police_type in taxonomy.POLICE_IGNORED_TYPES:
        PoliceTypeMapping.objects.get_or_create(
            police_type=police_type, defaults={"action": "ignore"}
        )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
