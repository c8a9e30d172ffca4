"""The default method catalogue (editable later): common Swedish crime-prevention methods."""

from django.db import migrations

# (code, name_sv, name_en, description_sv, order)
METHODS = [
    (
        "safety-walk",
        "Trygghetsvandring",
        "Safety walk",
        "Boende, fastighetsägare, kommun och polis går ett område tillsammans och noterar "
        "brister i den fysiska miljön.",
        10,
    ),
    (
        "lighting",
        "Belysning",
        "Lighting",
        "Ny eller bättre belysning på platser som upplevs otrygga.",
        20,
    ),
    (
        "camera",
        "Kameraövervakning",
        "Camera surveillance",
        "Kameraövervakning av en allmän plats (med tillstånd där det krävs).",
        30,
    ),
    (
        "field-workers",
        "Fältarbete",
        "Field workers",
        "Fältassistenter och fritidsledare som möter unga där de är, kvällar och helger.",
        40,
    ),
    (
        "sspf",
        "SSPF",
        "SSPF (school, social services, police, leisure)",
        "Samverkan mellan skola, socialtjänst, polis och fritid kring unga i riskzon.",
        50,
    ),
    (
        "neighbourhood-watch",
        "Grannsamverkan",
        "Neighbourhood watch",
        "Grannar håller uppsikt och delar information med polisen.",
        60,
    ),
    (
        "situational",
        "Situationell prevention",
        "Situational prevention",
        "Förändringar i den fysiska miljön som gör brott svårare: skötsel, siktlinjer, "
        "lås, markering.",
        70,
    ),
    (
        "place-based-policing",
        "Platsbaserad polisiär närvaro",
        "Hot-spot policing",
        "Polisens närvaro koncentrerad till de platser och tider där brotten sker.",
        80,
    ),
    (
        "night-walks",
        "Nattvandring",
        "Night walks by adults",
        "Vuxna som rör sig ute kvällar och nätter där unga finns.",
        90,
    ),
    (
        "exit-support",
        "Avhopparstöd",
        "Support for leaving criminal networks",
        "Samordnat stöd till den som vill lämna ett kriminellt nätverk.",
        100,
    ),
    (
        "victim-support",
        "Brottsofferstöd",
        "Victim support",
        "Stöd och skydd till brottsoffer, särskilt de som är särskilt utsatta.",
        110,
    ),
    (
        "other",
        "Annan metod",
        "Other method",
        "",
        900,
    ),
]


def create(apps, schema_editor):
    Method = apps.get_model("actionplan", "Method")
    for code, name_sv, name_en, description, order in METHODS:
        Method.objects.get_or_create(
            code=code,
            defaults={
                "name_sv": name_sv,
                "name_en": name_en,
                "description": description,
                "order": order,
            },
        )


def remove(apps, schema_editor):
    Method = apps.get_model("actionplan", "Method")
    Method.objects.filter(
        code__in=[m[0] for m in METHODS], interventions__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("actionplan", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
