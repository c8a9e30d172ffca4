from django.urls import path

from samtrygg.public import views

app_name = "public"

urlpatterns = [
    path("", views.public_picture_view, name="picture"),
]
