from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "console.users"
    label = "users"
