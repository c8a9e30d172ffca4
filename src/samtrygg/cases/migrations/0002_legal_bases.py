"""The legal bases for disclosing case information (programme leads extend the list)."""

from django.db import migrations

# (code, name, law reference, description, requires consent, order)
BASES = [
    (
        "consent",
        "Samtycke",
        "12 kap. 2 § OSL",
        "Den enskilde (och för ett barn vårdnadshavarna) har samtyckt till att uppgifterna "
        "lämnas till mottagaren.",
        True,
        10,
    ),
    (
        "osl-10-18a",
        "Uppgifter till polisen om personer under 21 år",
        "10 kap. 18 a § OSL",
        "Socialtjänsten lämnar uppgifter till polisen om någon som inte fyllt 21 år, om det "
        "behövs för att förhindra att den unge begår brott.",
        False,
        20,
    ),
    (
        "osl-10-2",
        "Nödvändigt för den egna verksamheten",
        "10 kap. 2 § OSL",
        "Uppgiften lämnas för att den utlämnande myndigheten ska kunna fullgöra sin egen "
        "verksamhet.",
        False,
        30,
    ),
    (
        "duty-to-inform",
        "Uppgiftsskyldighet",
        "10 kap. 28 § OSL",
        "En lag eller förordning ålägger myndigheten att lämna uppgiften (till exempel "
        "anmälningsskyldighet).",
        False,
        40,
    ),
    (
        "court-request",
        "Begäran från domstol eller annan myndighet",
        "10 kap. 28 § OSL",
        "Domstol eller annan myndighet har begärt uppgiften med stöd av lag.",
        False,
        50,
    ),
]


def add_bases(apps, schema_editor):
    LegalBasis = apps.get_model("cases", "LegalBasis")
    for code, name, reference, description, requires_consent, order in BASES:
        LegalBasis.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "law_reference": reference,
                "description": description,
                "requires_consent": requires_consent,
                "order": order,
            },
        )


def remove_bases(apps, schema_editor):
    apps.get_model("cases", "LegalBasis").objects.filter(code__in=[b[0] for b in BASES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(add_bases, remove_bases)]
