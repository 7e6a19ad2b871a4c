"""Parts of a page that the apps above it supply.

A page that brings apps together (an organisation's home page, a body's page) belongs to the
lower app, which may not import the higher ones. Each higher app registers, in its
`AppConfig.ready()`, a provider for its part: a function of the request and the page's own
arguments that returns the part's context, or None to leave it out. The page renders the parts
in the order they were registered (the order of INSTALLED_APPS), each with its own template,
which reads its context as `section`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    name: str
    provider: object
    template: str


_registry: dict[str, list[Section]] = {}


def register_section(page, name, provider, template):
    """Registering a name again replaces it, so a second `ready()` does not add it twice."""
    sections = _registry.setdefault(page, [])
    section = Section(name, provider, template)
    for index, registered in enumerate(sections):
        if registered.name == name:
            sections[index] = section
            return
    sections.append(section)


def sections_for(page, request, **arguments):
    """(template, context) for each section of the page that has something to show."""
    parts = []
    for section in _registry.get(page, []):
        context = section.provider(request, **arguments)
        if context is not None:
            parts.append((section.template, context))
    return parts
