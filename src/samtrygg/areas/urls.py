from django.urls import path

from samtrygg.areas import views

app_name = "areas"

urlpatterns = [
    path("", views.area_list_view, name="area_list"),
    path("new/", views.area_create_view, name="area_create"),
    path("import/", views.area_import_view, name="area_import"),
    path("population/import/", views.population_import_view, name="population_import"),
    path("<int:pk>/", views.area_detail_view, name="area_detail"),
    path("<int:pk>/edit/", views.area_edit_view, name="area_edit"),
    path("<int:pk>/delete/", views.area_delete_view, name="area_delete"),
    path("base-layer/", views.base_layer_view, name="base_layer"),
    path("places/", views.place_list_view, name="place_list"),
    path("places/new/", views.place_create_view, name="place_create"),
    path("places/<int:pk>/edit/", views.place_edit_view, name="place_edit"),
    path("places/<int:pk>/delete/", views.place_delete_view, name="place_delete"),
]
