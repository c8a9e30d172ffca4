"""The four focus areas of the action plan (handlingsplanen), in Swedish, editable later."""

from django.db import migrations

FOCUS_AREAS = [
    (
        "strategic",
        "Strategiskt trygghetsskapande och brottsförebyggande arbete",
        "Det långsiktiga, kunskapsbaserade arbetet: gemensam lägesbild, åtgärder och "
        "uppföljning tillsammans med polisen, civilsamhället och näringslivet.",
    ),
    (
        "youth",
        "Förhindra att unga dras in i kriminalitet",
        "Tidiga och samordnade insatser för barn och unga i riskzon, bland annat SSPF.",
    ),
    (
        "victims",
        "Särskilt utsatta brottsoffer",
        "Stöd och skydd för brottsoffer i särskilt utsatta situationer.",
    ),
    (
        "exit",
        "Stöd till avhoppare",
        "Stöd till personer som vill lämna kriminella nätverk (avhopparverksamhet).",
    ),
]


def create(apps, schema_editor):
    FocusArea = apps.get_model("governance", "FocusArea")
    for order, (code, name, description) in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )


def remove(apps, schema_editor):
    FocusArea = apps.get_model("governance", "FocusArea")
    FocusArea.objects.filter(code__in=[c for c, _n, _d in FOCUS_AREAS], goals__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
