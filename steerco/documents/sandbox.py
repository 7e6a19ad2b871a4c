"""Running untrusted papers through other programs in a process of their own.

An uploaded paper is untrusted: a crafted PDF or Word file can make a parser run for ever or
eat all the memory there is. Everything that reads a paper's bytes (LibreOffice converting it,
pypdf counting and merging its pages) runs here, in a child process with a cap on its memory and
CPU time and a wall-clock timeout, so a hostile paper fails alone and the worker carries on.
No Django import: the child processes start quickly and know nothing of the database.
"""

import contextlib
import json
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    seconds: int = 120
    memory_mb: int = 2048


class Failed(Exception):
    """The child process did not finish its work; the message says why, for the secretary."""


def _limit(limits):
    def apply():
        memory = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (limits.seconds, limits.seconds + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.setsid()

    return apply


def run(args, limits, *, stdin=b"", env=None):
    """The child's standard output; Failed when it runs out of time or memory or fails. The child
    leads a process group of its own, and the whole group is killed when it runs out of time:
    LibreOffice starts a process of its own beneath the one started here."""
    child = subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limit(limits),
        env=env,
    )
    try:
        stdout, stderr = child.communicate(stdin, timeout=limits.seconds)
    except subprocess.TimeoutExpired as error:
        _kill_group(child)
        raise Failed(f"it took longer than {limits.seconds} seconds to read") from error
    finally:
        _kill_group(child)
    if child.returncode != 0:
        logger.warning("%s stopped (%s): %s", args[0], child.returncode, stderr[-1000:])
        if child.returncode < 0 or b"MemoryError" in stderr:
            raise Failed("it needed more time or memory than a paper is allowed")
        raise Failed("the program reading it stopped with an error")
    return stdout


def _kill_group(child):
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def pdf_job(command, arguments, limits):
    """Runs `steerco.documents.pdfjob <command>` with the JSON `arguments`; its JSON answer."""
    output = run(
        [sys.executable, "-I", str(ROOT / "steerco" / "documents" / "pdfjob.py"), command],
        limits,
        stdin=json.dumps(arguments).encode(),
    )
    return json.loads(output)


SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


def convert_to_pdf(source: Path, limits: Limits, *, suffix: str, into: Path) -> Path:
    """Converts a Word, Excel or OpenDocument file to PDF with LibreOffice running headless, with
    a profile of its own (so two conversions never share one, and nothing is remembered), and
    macros never run: headless LibreOffice runs none, and the security level is set to the
    highest so that not even signed ones would."""
    work = Path(tempfile.mkdtemp(prefix="steerco-convert-"))
    try:
        profile = work / "profile"
        _write_profile(profile)
        # The name LibreOffice sees says only what type it is, not what the paper is called.
        typed = work / f"paper.{suffix}"
        shutil.copyfile(source, typed)
        out = work / "out"
        run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--nologo",
                "--nolockcheck",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(typed),
            ],
            limits,
            env={"HOME": str(work), "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        )
        converted = out / "paper.pdf"
        if not converted.exists() or converted.stat().st_size == 0:
            raise Failed("LibreOffice could not convert it")
        kept = Path(tempfile.mkstemp(prefix="converted-", suffix=".pdf", dir=into)[1])
        shutil.move(converted, kept)
        return kept
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_profile(profile):
    # MacroSecurityLevel 3 is "very high": only macros from trusted locations, and there are none.
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Common/Security/Scripting">'
        '<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Office.Common/Security/Scripting">'
        '<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>\n'
        "</oor:items>\n"
    )
