"""The public protocol of a walk as PDF (``documents.rendering``): the same content as the
page (``selectors.protocol``), in the municipality's language, with the approved photos."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.formats import date_format

from samtrygg.documents.rendering import render_pdf
from samtrygg.notifications.services import municipality_language
from samtrygg.walks.models import FindingPhoto, SafetyWalk
from samtrygg.walks.selectors import protocol


def _day(value: Any) -> str:
    return date_format(value, "j F Y") if value else ""


def protocol_pdf(walk: SafetyWalk) -> bytes:
    with municipality_language():
        proto = protocol(walk)
        photo_ids = [pid for f in proto.findings for pid in f.photo_ids]
        assets = {
            f"photo-{p.pk}.jpg": bytes(p.image)
            for p in FindingPhoto.objects.filter(pk__in=photo_ids, public=True)
        }
        data = {
            "municipality": settings.SAMTRYGG_MUNICIPALITY,
            "title": walk.title,
            "area": walk.area.name,
            "date": _day(walk.walk_date),
            "time_of_day": walk.get_time_of_day_display(),
            "weather": walk.get_weather_display(),
            "light": walk.get_light_display(),
            "preparation": _day(walk.preparation_on),
            "follow_up": _day(walk.follow_up_on),
            "repeats": walk.predecessor.title if walk.predecessor else "",
            "organisers": ", ".join(proto.organisers),
            "participants": [{"group": g, "count": str(c)} for g, c in proto.participants],
            "participant_total": str(proto.participant_total),
            "counts": [{"status": s, "count": str(c)} for s, c in proto.counts],
            "findings": [
                {
                    "number": str(f.number),
                    "category": f.category,
                    "place": f.place,
                    "cause": f.cause,
                    "proposal": f.proposal,
                    "owner": f.owner,
                    "status": f.status_label,
                    "due": _day(f.due_date),
                    "declined_reason": f.declined_reason,
                    "recheck": f.recheck,
                    "photos": [
                        f"photo-{pid}.jpg" for pid in f.photo_ids if f"photo-{pid}.jpg" in assets
                    ],
                }
                for f in proto.findings
            ],
        }
    return render_pdf(template="walks/protocol.typ", data=data, assets=assets)
