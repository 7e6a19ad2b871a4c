from django import forms
from django.contrib.auth.forms import AuthenticationForm

from steerco.accounts.models import User


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter a correct username or email address and password. "
            "Both are case-sensitive for passwords."
        ),
        "inactive": "This account is not active. Ask your administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email address"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "job_title", "service_area", "email"]
        labels = {"email": "Email address"}
