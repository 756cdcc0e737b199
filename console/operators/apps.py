from django.apps import AppConfig


class OperatorsConfig(AppConfig):
    name = "console.operators"
    label = "operators"
