"""The suite's own fixtures do what the tests rely on."""

import pytest
from django.core.cache import cache


@pytest.fixture(scope="module")
def page_kept_by_an_earlier_test():
    # A module fixture is set up before the test's own fixtures, as an earlier test's page would
    # have been kept before this test began.
    cache.set("kept-page", "an earlier test's page")


def test_each_test_starts_with_nothing_kept_from_anothers_pages(page_kept_by_an_earlier_test):
    assert cache.get("kept-page") is None
