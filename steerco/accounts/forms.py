from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from steerco.accounts.backends import LONGEST_SIGN_IN_NAME
from steerco.accounts.models import User
from steerco.lib.forms import GovukFormMixin, ModelForm


class SignInForm(GovukFormMixin, AuthenticationForm):
    nouns = {"username": "your username or email address", "password": "your password"}

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
        # AuthenticationForm sets max_length without a validator; without one, any length
        # reaches the database.
        username = self.fields["username"]
        username.max_length = username.widget.attrs["maxlength"] = LONGEST_SIGN_IN_NAME
        # Its message is the field's own (GovukFormMixin): "Enter your username … or fewer."
        username.validators.append(MaxLengthValidator(LONGEST_SIGN_IN_NAME))
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class ProfileForm(ModelForm):
    nouns = {"name": "your full name", "email": "your email address"}

    class Meta:
        model = User
        fields = ["name", "job_title", "service_area", "email"]
        labels = {"email": "Email address"}
