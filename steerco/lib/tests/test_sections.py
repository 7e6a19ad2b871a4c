import pytest

from steerco.lib import sections


@pytest.fixture
def page(monkeypatch):
    monkeypatch.setattr(sections, "_registry", {})
    return "test:page"


def test_sections_come_in_the_order_they_were_registered(page):
    sections.register_section(page, "first", lambda request, n: {"n": n}, "first.html")
    sections.register_section(page, "second", lambda request, n: {"n": n + 1}, "second.html")

    assert sections.sections_for(page, None, n=1) == [
        ("first.html", {"n": 1}),
        ("second.html", {"n": 2}),
    ]


def test_a_section_with_nothing_to_show_is_left_out(page):
    sections.register_section(page, "nothing", lambda request: None, "nothing.html")

    assert sections.sections_for(page, None) == []


def test_registering_a_name_again_replaces_it_in_place(page):
    sections.register_section(page, "first", lambda request: {"v": 1}, "first.html")
    sections.register_section(page, "second", lambda request: {}, "second.html")
    sections.register_section(page, "first", lambda request: {"v": 2}, "first.html")

    assert sections.sections_for(page, None) == [("first.html", {"v": 2}), ("second.html", {})]


def test_a_page_without_sections_has_none():
    assert sections.sections_for("test:no-such-page", None) == []
