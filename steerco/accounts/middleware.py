from django.http import Http404
from django.shortcuts import get_object_or_404

from steerco import permissions
from steerco.accounts.models import Organisation


class OrganisationMiddleware:
    """Resolves the organisation named in the address once, for every view under `<org>/`.

    The view receives it as `request.organisation` instead of the slug. Its pages are for its
    members: anyone else gets the 404 a missing organisation gives, unless the view is marked
    `@permissions.public` (the transparency pages).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "org" not in view_kwargs:
            return None
        organisation = get_object_or_404(Organisation, slug=view_kwargs.pop("org"))
        if not permissions.is_public(view_func) and not permissions.is_member_of(
            request.user, organisation
        ):
            raise Http404("No such organisation.")
        request.organisation = organisation
        return None
