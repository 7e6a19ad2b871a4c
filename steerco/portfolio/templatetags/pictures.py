"""The dependencies between projects drawn as a picture (impact.Picture), in Python: the markup
the pages draw with `{% dependency_picture %}` has up to 60 boxes and their lines, each a dozen
numbers and a link, which Django's template nodes (a lookup, a localisation and an escape per
number) made the slowest part of the project page to draw."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

DESCRIPTION = (
    "Each box is a project. An arrow points from a project to a project it waits on, which "
    "sits above it: a solid line where that project must finish first, a dashed line for a "
    "product, a shared resource or the same service. The dependencies are listed in full in "
    "the tables on this page."
)
CAPTION = (
    "The dependencies as a picture: a project waits on those above it. Select a project to "
    "see its dependencies."
)


@register.simple_tag(takes_context=True)
def dependency_picture(context, picture, picture_id, picture_title):
    """The picture as an SVG in a figure: `picture_id` names its title, description and
    arrow; each box links to its project's dependencies page."""
    diagram, ident = picture.diagram, escape(picture_id)
    slug = context["organisation"].slug
    parts = [
        '<figure class="govuk-!-margin-0 govuk-!-margin-bottom-6">',
        f'<svg class="steerco-model steerco-chart" viewBox="0 0 {diagram.width} '
        f'{diagram.height}" width="{diagram.width}" height="{diagram.height}" role="group" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-description" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(picture_title)}</title>',
        f'<desc id="{ident}-description">{DESCRIPTION}</desc>',
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path class="steerco-model__arrow" d="M 0 0 L 10 5 L 0 10 z"></path></marker></defs>',
    ]
    for line, dashed in picture.lines:
        kind = " steerco-model__line--alongside" if dashed else ""
        parts.append(
            f'<line class="steerco-model__line{kind}" x1="{line.x1}" y1="{line.y1}" '
            f'x2="{line.x2}" y2="{line.y2}" marker-end="url(#{ident}-arrow)"></line>'
        )
    for box, project in picture.boxes:
        href = reverse(
            "portfolio:project-dependencies", kwargs={"org": slug, "project_pk": project.pk}
        )
        focus = " steerco-model__body--focus" if box.focus else ""
        parts.append(
            f'<a href="{escape(href)}" class="steerco-model__body{focus}">'
            f'<rect x="{box.x}" y="{box.y}" width="{diagram.box_width}" '
            f'height="{diagram.box_height}" rx="4"></rect>'
        )
        parts.extend(
            f'<text x="{box.centre_x}" y="{y}" text-anchor="middle" '
            f'dominant-baseline="middle">{escape(text)}</text>'
            for y, text in box.label_rows
        )
        parts.append("</a>")
    parts.append(f'</svg><figcaption class="govuk-body-s">{CAPTION}</figcaption></figure>')
    # Every value above is a number, a fixed text or escaped.
    return mark_safe("\n".join(parts))
