"""The import direction between the apps (docs/development.md, "Structure").

Modules under tests/ (and conftest.py) are exempt: they exercise the assembled site (the whole
demo, every page at two sizes) and nothing in the application imports them. So is the project's
own wiring beside the apps (settings.py, urls.py), whose job is to name every app.
"""

import ast
from pathlib import Path

from django.apps import apps

STEERCO = Path(__file__).resolve().parents[1]

# Lowest first. An app may import itself, the apps of the layers below it, and the shared
# layers; never an app of its own layer or of one above. A new app is placed here.
LAYERS = [
    {"accounts"},
    {"governance"},
    {"meetings"},
    {"strategy"},
    {"portfolio"},
    {"risks"},
    {"documents", "calendars", "dashboard"},
    {"planning"},
    {"progress_report"},
]
# steerco.lib imports no app. steerco.permissions is the one place every rule about who may see
# or do what lives, so it reads the models of every app, and every app may call it.
SHARED = {"lib", "permissions"}


def our_apps():
    return {config.label for config in apps.get_app_configs() if config.name.startswith("steerco.")}


def imported(source, package):
    """(line, dotted name) for every import anywhere in the module, inside functions too;
    `from a import b` gives both a and a.b, so that `from steerco import meetings` counts."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def rank(app):
    return next(index for index, layer in enumerate(LAYERS) if app in layer)


def problems(owner, source, package):
    """What the module of `owner` (an app, or a shared layer) imports that it must not: the
    first offending name of each line."""
    found = {}
    for line, name in imported(source, package):
        parts = name.split(".")
        if parts[0] != "steerco" or len(parts) < 2 or parts[1] == owner or line in found:
            continue
        other = parts[1]
        if other in our_apps() and len(parts) > 2 and parts[2] == "views":
            found[line] = f"line {line}: {name} (another app's views)"
        elif owner == "lib" and (other in our_apps() or other == "permissions"):
            found[line] = f"line {line}: {name} (lib imports no app)"
        elif owner in our_apps() and other in our_apps() and rank(other) >= rank(owner):
            found[line] = f"line {line}: {name} ({other} is not below {owner})"
    return list(found.values())


def modules():
    for path in sorted(STEERCO.rglob("*.py")):
        relative = path.relative_to(STEERCO)
        if len(relative.parts) < 2 or "tests" in relative.parts or path.name == "conftest.py":
            continue
        package = ".".join(("steerco", *relative.parts[:-1]))
        yield relative, relative.parts[0], package


def test_every_app_has_a_layer():
    assert our_apps() == set().union(*LAYERS)


def test_the_shared_layers_are_not_apps():
    assert not SHARED & our_apps()


def test_no_module_imports_an_app_above_it_or_another_apps_views():
    found = []
    for relative, owner, package in modules():
        if owner in our_apps() or owner in SHARED:
            source = (STEERCO / relative).read_text()
            found += [f"{relative} {problem}" for problem in problems(owner, source, package)]
    assert found == []


def test_the_check_sees_imports_inside_functions():
    source = "def home(request):\n    from steerco.meetings.models import Meeting\n"
    assert problems("governance", source, "steerco.governance") == [
        "line 2: steerco.meetings.models (meetings is not below governance)"
    ]


def test_the_check_sees_a_whole_app_imported_by_name():
    source = "from steerco import governance\n"
    assert problems("accounts", source, "steerco.accounts") == [
        "line 1: steerco.governance (governance is not below accounts)"
    ]


def test_the_check_sees_a_lower_apps_views():
    source = "from steerco.governance.views import home\n"
    assert problems("meetings", source, "steerco.meetings") == [
        "line 1: steerco.governance.views (another app's views)"
    ]


def test_the_check_sees_lib_importing_an_app():
    source = "import importlib\nimportlib.import_module('steerco.accounts.models')\n"
    assert problems("lib", source, "steerco.lib") == [
        "line 2: steerco.accounts.models (lib imports no app)"
    ]


def test_a_relative_import_counts_as_the_module_it_names():
    source = "from ..meetings import queries\n"
    assert problems("governance", source, "steerco.governance") == [
        "line 1: steerco.meetings (meetings is not below governance)"
    ]
