from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "steerco.accounts"
    label = "accounts"
    verbose_name = "Access and people"
