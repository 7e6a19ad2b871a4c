from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "steerco.accounts"
    label = "accounts"
    verbose_name = "Access and people"

    def ready(self):
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        from steerco.accounts.actions import record_sign_in

        # Django's own receiver saves the whole user, which writes a history row with no reason.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(record_sign_in, dispatch_uid="steerco_record_sign_in")
