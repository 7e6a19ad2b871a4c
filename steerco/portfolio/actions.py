"""Every change to the portfolio goes through one of these functions: atomic, checked, and
recorded in the history with who made it and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from steerco.accounts.models import Organisation
from steerco.lib.dates import today as council_today
from steerco.lib.history import save_with_history
from steerco.lib.versioning import claim_version
from steerco.portfolio.impact import current_links
from steerco.portfolio.models import (
    ConfidenceAssessment,
    ConfidenceScale,
    Dependency,
    PortfolioSettings,
    Product,
    ProductUse,
    Project,
)
from steerco.portfolio.rules import confidence
from steerco.portfolio.rules import dependencies as rules


def confidence_scale(organisation):
    """The scale the council rates delivery confidence on (five points unless it chose three)."""
    settings = PortfolioSettings.objects.filter(organisation=organisation).first()
    return settings.confidence_scale if settings else ConfidenceScale.FIVE


@transaction.atomic
def save_project(project, *, by, themes=None, objectives=None, version=None):
    """Registers a project or changes its details. A change made from a page opened before
    someone else's change is refused (no lost edits)."""
    creating = project.pk is None
    claim_version(project, version)
    reason = "Project registered" if creating else "Project changed"
    save_with_history(project, by=by, reason=reason)
    if themes is not None:
        project.themes.set(themes)
    if objectives is not None:
        project.objectives.set(objectives)
    return project


@transaction.atomic
def record_confidence(project, *, assessed_on, rating, by, assessor="", commentary=""):
    """Adds a Delivery Confidence Assessment on the council's scale. Earlier ones stay as they
    were: the history of confidence is the point of keeping it."""
    scale = confidence_scale(project.organisation)
    allowed = confidence.FIVE_POINT if scale == ConfidenceScale.FIVE else confidence.THREE_POINT
    if rating not in allowed:
        raise ValidationError(
            {"rating": "Select a rating of the council's scale: green, amber or red."}
        )
    if assessed_on > council_today():
        raise ValidationError(
            {"assessed_on": "The date of the assessment must be today or in the past."}
        )
    assessment = ConfidenceAssessment(
        project=project,
        assessed_on=assessed_on,
        scale=scale,
        rating=rating,
        assessor=assessor,
        commentary=commentary,
        recorded_by=by,
    )
    return save_with_history(assessment, by=by, reason="Delivery confidence assessed")


# Dependencies, and the catalogue of products and platforms.


@transaction.atomic
def add_dependency(project, *, depends_on, kind=Dependency.Kind.FINISH_FIRST, note="", by):
    """Records that `project` waits on `depends_on`. Refused for a project of another council,
    for the project itself, for one already recorded, and for one that would close a cycle:
    a project cannot wait, however indirectly, on a project that waits on it."""
    # One dependency added at a time per council, so two that would close a cycle between
    # them cannot both pass the check (PostgreSQL; SQLite writes one transaction at a time).
    Organisation.objects.select_for_update().filter(pk=project.organisation_id).first()
    if depends_on.organisation_id != project.organisation_id:
        raise ValidationError({"depends_on": "Select a project of this council."})
    if depends_on.pk == project.pk:
        raise ValidationError({"depends_on": "A project cannot depend on itself."})
    current = Dependency.objects.filter(
        project=project, depends_on=depends_on, kind=kind, ended_at__isnull=True
    )
    if current.exists():
        raise ValidationError(
            {
                "depends_on": f"This dependency is already recorded: {project.reference} "
                f"depends on {depends_on.reference} ({Dependency.Kind(kind).label.lower()})."
            }
        )
    cycle = rules.cycle_made_by(current_links(project.organisation_id), project.pk, depends_on.pk)
    if cycle is not None:
        references = dict(Project.objects.filter(pk__in=set(cycle)).values_list("pk", "reference"))
        raise ValidationError({"depends_on": str(rules.CycleError(cycle, references))})
    dependency = Dependency(
        organisation_id=project.organisation_id,
        project=project,
        depends_on=depends_on,
        kind=kind,
        note=note.strip(),
        created_by=by,
    )
    return save_with_history(
        dependency,
        by=by,
        reason=f"Dependency added: {project.reference} depends on {depends_on.reference}",
    )


@transaction.atomic
def end_dependency(dependency, *, reason, by):
    """Ends a dependency that no longer holds. It is never deleted: the history keeps what the
    group was told, who ended it and why."""
    locked = Dependency.objects.select_for_update().get(pk=dependency.pk)
    if locked.ended_at is not None:
        raise ValidationError("This dependency has already ended.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the dependency ends."})
    dependency.ended_at, dependency.ended_by, dependency.ended_reason = timezone.now(), by, reason
    return save_with_history(dependency, by=by, reason=f"Dependency ended: {reason}")


@transaction.atomic
def save_product(product, *, by):
    """Adds a product or platform to the catalogue, or changes one. Names are unique in a
    council whatever their case, so the catalogue holds each product once."""
    product.name = product.name.strip()
    same_name = Product.objects.filter(
        organisation_id=product.organisation_id, name__iexact=product.name
    ).exclude(pk=product.pk)
    if same_name.exists():
        raise ValidationError(
            {"name": f"The catalogue already has a product or platform called {product.name}."}
        )
    adding = product.pk is None
    return save_with_history(
        product, by=by, reason=f"{'Added to' if adding else 'Changed in'} the catalogue"
    )


@transaction.atomic
def declare_product_use(project, *, product, use, by):
    """Records that a project uses, introduces or retires a product or platform; declaring
    it again with another use replaces the earlier declaration (the history keeps both)."""
    if product.organisation_id != project.organisation_id:
        raise ValidationError({"product": "Select a product or platform of this council."})
    declared = ProductUse.objects.select_for_update().filter(project=project, product=product)
    existing = declared.first()
    if existing is not None and existing.use == use:
        raise ValidationError(
            f"{project.reference} already {existing.get_use_display().lower()} {product.name}."
        )
    declaration = existing or ProductUse(project=project, product=product)
    declaration.use = use
    return save_with_history(
        declaration,
        by=by,
        reason=f"{project.reference} {ProductUse.Use(use).label.lower()} {product.name}",
    )
