from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

# Longer than any username (150) or email address (254) an account can have.
LONGEST_SIGN_IN_NAME = 254


def accounts_signed_in_as(typed):
    """The accounts (at most two, enough to tell one from many) that a typed username or email
    address reaches, whatever its case."""
    if not typed or len(typed) > LONGEST_SIGN_IN_NAME:
        return []
    User = get_user_model()
    return list(User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed))[:2])


def lockout_username(request, credentials=None):
    """What django-axes counts failures against (AXES_USERNAME_CALLABLE): the account, so that
    `chair`, `Chair` and chair's email address share one count; what reaches no one account is
    counted as typed, in lower case."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    typed = source.get("username") or ""
    matches = accounts_signed_in_as(typed)
    if len(matches) == 1:
        return matches[0].get_username()
    return typed[:LONGEST_SIGN_IN_NAME].lower()


class UsernameOrEmailBackend(ModelBackend):
    """Signs a person in with either their username or their email address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        matches = accounts_signed_in_as(username)
        if len(matches) != 1:
            # Run the hasher anyway so that timing does not reveal which accounts exist.
            get_user_model()().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
