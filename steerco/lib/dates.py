from django.utils import timezone


def today():
    """The council's date (Europe/London), which is what every rule about days counts in."""
    return timezone.localdate()
