"""OGC API – Features at /ogc/ (the public picture)."""

from django.urls import path

from samtrygg.public import ogc

app_name = "ogc"

urlpatterns = [
    path("", ogc.landing_view, name="landing"),
    path("conformance", ogc.conformance_view, name="conformance"),
    path("api", ogc.api_view, name="api"),
    path("collections", ogc.collections_view, name="collections"),
    path("collections/<str:collection_id>", ogc.collection_view, name="collection"),
    path("collections/<str:collection_id>/items", ogc.items_view, name="items"),
    path("collections/<str:collection_id>/items/<str:feature_id>", ogc.item_view, name="item"),
]
