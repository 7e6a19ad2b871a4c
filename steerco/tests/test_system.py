import os
import shutil
import subprocess
import sys

import pytest

from steerco.tests.browser import ROOT, launch


def test_a_missing_browser_fails_the_browser_tests_instead_of_skipping_them(tmp_path):
    missing = launch(executable=str(tmp_path / "chromium"))
    with pytest.raises(pytest.fail.Exception, match="run scripts/system-packages"), missing:
        pass


def test_the_system_packages_script_finds_nothing_missing_once_installed():
    result = subprocess.run(
        [ROOT / "scripts" / "system-packages"], capture_output=True, text=True, check=False
    )

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def demo_environment():
    """The variables `make demo` serves the site with, from the Makefile's demo recipe."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0].replace("\\\n", " ")
    serving = next(line for line in recipe.splitlines() if "runserver" in line)
    variables = {}
    for word in serving.split():
        if "=" not in word:
            break
        name, value = word.split("=", 1)
        variables[name] = value.replace("$(HOST)", "127.0.0.1")
    return variables


# A request to the demo as `make demo` serves it, in a process of its own: settings are read
# once, from the environment.
SERVE = """
import django
from django.core.management import call_command
from django.test import Client
django.setup()
call_command("migrate", verbosity=0)
client = Client(headers={"host": "127.0.0.1"})
missing = client.get("/no-such-page/")
style = client.get("/static/steerco/app.css")
print(missing.status_code, style.status_code)
print(missing.content.decode())
"""


def test_the_demo_serves_a_plain_404_and_its_static_files(tmp_path):
    from conftest import migrated_template

    database = tmp_path / "demo.sqlite3"
    if migrated_template().exists():
        # Migrated already by the same migrations: `migrate` then only checks it.
        shutil.copyfile(migrated_template(), database)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(
        demo_environment(),
        DJANGO_SETTINGS_MODULE="steerco.settings",
        DATABASE_URL=f"sqlite:///{database}",
    )

    result = subprocess.run(
        [sys.executable, "-c", SERVE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    statuses, page = result.stdout.split("\n", 1)
    assert statuses == "404 200"
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "URLconf" not in page
    assert "no-such-page" not in page
