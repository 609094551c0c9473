from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kotacerdas.accounts"
    label = "accounts"
    verbose_name = "Akun dan audit"
