"""Minutes and notes written as plain text in a small Markdown, shown as safe HTML.

People write paragraphs (a blank line between them; a single line break is kept), **bold**,
_italic_, numbered lists (`1.`), bulleted lists (`-`), headings (`#`) and links. They never
type HTML: anything that looks like a tag is shown as typed. Images are not allowed: an image
is shown as its description. The HTML made is cleaned again by nh3 with only the tags below.
"""

import nh3
from markdown_it import MarkdownIt

# A heading in the text sits under the page's own headings: under "Minutes" (an h4), `#` is an
# h5 and anything deeper an h6.
HEADING_OFFSET = 4
TAGS = {"p", "br", "strong", "em", "ol", "ul", "li", "h5", "h6", "a", "blockquote"}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}

HELP = (
    "Leave a blank line between paragraphs. Put **two stars** around words for bold and "
    "_underscores_ for italic; start lines with 1. for a numbered list or - for a bulleted list, "
    "and with # for a heading. Images are not allowed."
)


def _headings_under_the_page(state):
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + HEADING_OFFSET, 6)}"


def _image_as_its_description(renderer, tokens, index, options, env):
    return renderer.renderInlineAsText(tokens[index].children or [], options, env)


# A line typed on its own line stays on its own line, as in Word.
_markdown = MarkdownIt("commonmark", {"html": False, "breaks": True})
_markdown.core.ruler.push("headings_under_the_page", _headings_under_the_page)
_markdown.add_render_rule("image", _image_as_its_description)


def to_html(text):
    """The HTML of `text`, safe to show as it is."""
    return nh3.clean(_markdown.render(text or ""), tags=TAGS, attributes=ATTRIBUTES).strip()


def normalised(text):
    """The text as stored: Windows line ends made plain, no space at the end of a line."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")
