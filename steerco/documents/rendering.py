from django.conf import settings
from django.template.loader import render_to_string


def render(template, context):
    """A template laid out by WeasyPrint, ready to write as PDF or count pages of."""
    from weasyprint import HTML  # a second to import: only documents need it

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render()
