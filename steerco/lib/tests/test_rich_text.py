import re

from hypothesis import given
from hypothesis import strategies as st

from steerco.lib import rich_text

TAG = re.compile(r"<\s*/?\s*([a-zA-Z0-9]+)")


def test_a_word_users_formatting_is_kept():
    text = "## Options\n\n**Bold**, _italic_ and *italic*.\n\n3. Third\n4. Fourth\n\n- One\n- Two"
    assert rich_text.to_html(text) == (
        "<h6>Options</h6>\n<p><strong>Bold</strong>, <em>italic</em> and <em>italic</em>.</p>\n"
        '<ol start="3">\n<li>Third</li>\n<li>Fourth</li>\n</ol>\n<ul>\n<li>One</li>\n<li>Two</li>\n'
        "</ul>"
    )


def test_a_heading_sits_under_the_minutes_heading():
    assert rich_text.to_html("# Discussion") == "<h5>Discussion</h5>"


def test_a_line_break_is_kept_and_a_blank_line_starts_a_paragraph():
    assert rich_text.to_html("One\nTwo\n\nThree") == "<p>One<br>\nTwo</p>\n<p>Three</p>"


def test_an_image_is_shown_as_its_description():
    assert rich_text.to_html("![Org chart](https://example.org/chart.png)") == "<p>Org chart</p>"


def test_a_link_is_kept_but_not_a_script_link():
    assert rich_text.to_html("[Plan](https://example.org) [x](javascript:alert(1))") == (
        '<p><a href="https://example.org" rel="noopener noreferrer">Plan</a> '
        "[x](javascript:alert(1))</p>"
    )


def test_the_stored_text_has_plain_line_ends():
    assert rich_text.normalised("One  \r\nTwo\r\n\r\n") == "One\nTwo"


@given(st.text())
def test_whatever_is_typed_makes_only_the_allowed_tags(text):
    html = rich_text.to_html(text)
    assert {tag.lower() for tag in TAG.findall(html)} <= rich_text.TAGS


ATTRIBUTE = re.compile(r"<[a-z0-9]+((?:\s+[a-z-]+=\"[^\"]*\")*)\s*/?>")


@given(st.text(alphabet="<>/\"'=&imgscrptonlad ![]()*_#-1.:\n"))
def test_no_tag_or_attribute_typed_survives(text):
    html = rich_text.to_html(text)
    assert "<img" not in html and "<script" not in html
    for attributes in ATTRIBUTE.findall(html):
        assert set(re.findall(r"([a-z-]+)=", attributes)) <= {"href", "rel", "start"}
