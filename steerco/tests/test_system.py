import subprocess

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
