"""Every change to an annual progress report goes through one of these functions: atomic,
checked, and recorded in the history with who made it and why. The report's figures are never
written: they are read from the records."""

from django.core.exceptions import ValidationError
from django.db import transaction

from steerco.lib.history import save_with_history
from steerco.lib.versioning import claim_version
from steerco.progress_report.models import Commentary, FrontMatter

REASON_LENGTH = 80


def _reason(reason, is_new, added):
    if is_new:
        return added
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you are changing it."})
    return f"Changed: {reason.strip()[:REASON_LENGTH]}"


@transaction.atomic
def save_commentary(commentary: Commentary, *, text, by, reason="", version=None):
    """Writes or changes the commentary of one section of a year's report; a change says
    why, and a change made from a page opened on an older version is refused."""
    if not text.strip():
        raise ValidationError({"text": "Enter the commentary."})
    is_new = commentary.pk is None
    if not is_new:
        claim_version(commentary, version)
    commentary.text = text.strip()
    return save_with_history(
        commentary, by=by, reason=_reason(reason, is_new, "Commentary written")
    )


@transaction.atomic
def save_front_matter(front_matter: FrontMatter, *, by, reason="", version=None):
    """Writes or changes the council report's front matter of a year's report."""
    is_new = front_matter.pk is None
    if not is_new:
        claim_version(front_matter, version)
    return save_with_history(
        front_matter, by=by, reason=_reason(reason, is_new, "Front matter written")
    )
