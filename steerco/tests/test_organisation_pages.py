from django.urls import URLPattern, URLResolver, get_resolver, reverse

from steerco import permissions


def organisation_views(patterns=None, prefix=""):
    """(route, view) for every page under `<org>/`."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from organisation_views(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "<slug:org>" in route:
            yield route, pattern.callback


def test_every_page_of_an_organisation_is_either_marked_public_or_for_members_only():
    # A bare @login_not_required would open a page to everyone without the organisation's
    # members-only check: public pages say so with @permissions.public.
    unmarked = [
        route
        for route, view in organisation_views()
        if getattr(view, "login_required", True) is False and not permissions.is_public(view)
    ]

    assert list(organisation_views())
    assert unmarked == []


def test_a_members_only_page_is_not_found_by_a_person_of_another_council(
    client, organisation, outsider
):
    client.force_login(outsider)

    members_only = client.get(reverse("accounts:people", kwargs={"org": organisation.slug}))
    public = client.get(reverse("governance:body-list", kwargs={"org": organisation.slug}))

    assert (members_only.status_code, public.status_code) == (404, 200)


def test_an_organisation_that_does_not_exist_is_not_found(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("governance:body-list", kwargs={"org": "nowhere"}))

    assert response.status_code == 404
