"""The Django admin is a window on the organisations a person administers, not a second way in.

Every model admin derives from `TenantAdmin`: it lists and shows only rows of organisations where
the signed-in person is an administrator (superusers included: being a superuser is not being
every council's administrator), and it changes nothing. The few that must write (people and
their roles) say so, and save through the actions, never `obj.save()`.
"""

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from steerco.accounts.models import Organisation, User
from steerco.permissions import administered_organisations


def _administered_ids(request):
    # Asked once per request: every permission check of a changelist comes here.
    if not hasattr(request, "_administered_ids"):
        request._administered_ids = set(
            administered_organisations(request.user).values_list("pk", flat=True)
        )
    return request._administered_ids


def _people_of(organisation_ids):
    return User.objects.filter(organisation_memberships__organisation__in=organisation_ids)


class ReadOnly:
    """Changes nothing: what the admin shows is changed through steerco's actions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TenantAdmin(ReadOnly, SimpleHistoryAdmin):
    """Read-only, and scoped to the organisations the person administers.

    `organisation_path` is the lookup from the model to its organisation.
    """

    organisation_path = "organisation"

    def get_queryset(self, request):
        return self.scope(super().get_queryset(request), _administered_ids(request))

    def scope(self, queryset, organisation_ids):
        return queryset.filter(**{f"{self.organisation_path}__in": organisation_ids}).distinct()

    def get_list_filter(self, request):
        # A plain related filter lists every row of the related model, other councils' too.
        return [
            (name, RelatedOnlyFieldListFilter) if self._is_relation(name) else name
            for name in super().get_list_filter(request)
        ]

    def _is_relation(self, path):
        if not isinstance(path, str):
            return False
        model = self.model
        for name in path.split("__"):
            field = model._meta.get_field(name)
            model = field.related_model
        return field.is_relation

    def _in_scope(self, request, obj):
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return bool(_administered_ids(request))

    def has_view_permission(self, request, obj=None):
        return bool(_administered_ids(request)) and self._in_scope(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        if not hasattr(self.model._meta, "simple_history_manager_attribute"):
            # No history is kept for this model: Django's own log of admin changes is shown.
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def get_inlines(self, request, obj):
        # Inlines show what exists; a new row has nothing to show.
        return super().get_inlines(request, obj) if obj is not None else []

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a posted old version ("revert") with only the right to
        # view it, bypassing both the change permission and the actions.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = _administered_ids(request)
        if db_field.related_model is Organisation:
            kwargs["queryset"] = Organisation.objects.filter(pk__in=ids)
        elif db_field.related_model is User:
            kwargs["queryset"] = _people_of(ids).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        raise PermissionDenied("Changes go through steerco's actions.")

    def delete_model(self, request, obj):
        raise PermissionDenied("Changes go through steerco's actions.")


class TenantInline(ReadOnly, admin.TabularInline):
    """Shown inside a read-only page, and read-only itself."""

    extra = 0
