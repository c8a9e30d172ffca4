from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samtrygg.api"
    label = "api"
    verbose_name = "API"
