from django.apps import AppConfig


class EmulatorConfig(AppConfig):
    name = "console.emulator"
    label = "emulator"
