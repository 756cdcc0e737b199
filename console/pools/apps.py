from django.apps import AppConfig


class PoolsConfig(AppConfig):
    name = "console.pools"
    label = "pools"
