"""Agenda pack build time and peak memory, for `make bench`.

Each size is built in a process of its own, so that its peak memory (ru_maxrss) is its own: the
builder's (WeasyPrint rendering the cover, agenda, contents and the page-number overlay) and,
separately, each program the builder runs on the papers: pypdf counting and stamping them
(pdfjob.py) and qpdf merging the stamped parts. The meeting is made in a transaction that is
rolled back (in the bench database, or a fresh one), with its papers in a temporary folder.

A child's own ru_maxrss counts the builder's memory too: the sandbox forks the builder to set
the child's limits before the program starts, and the fork's resident pages are the builder's.
So each program is run here under a small Python process that starts it and writes down its
peak alone (`_measured`).
"""

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as clock
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = [(20, 300), (60, 1000)]


def _papers(count, pages):
    """`count` PDFs totalling `pages` pages, cut from one rendered document."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    sizes = [pages // count + (1 if n < pages % count else 0) for n in range(count)]
    longest = max(sizes)
    paragraph = "The steering group is asked to note the progress of the programme. " * 30
    html = "".join(
        f'<h1 style="break-before: page">Page {n}</h1><p>{paragraph}</p>' for n in range(longest)
    )
    source = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
    papers = []
    for size in sizes:
        writer = PdfWriter()
        for page in source.pages[:size]:
            writer.add_page(page)
        buffer = io.BytesIO()
        writer.write(buffer)
        papers.append(buffer.getvalue())
    return papers


# Runs a program and appends its name and peak resident memory (KB) to the file named first.
WRAPPER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
name = next((a for a in sys.argv[2:] if a.endswith("pdfjob.py")), sys.argv[2]).rsplit("/", 1)[-1]
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "a") as log:
    log.write(f"{name} {peak}\\n")
sys.exit(code if code >= 0 else 1)
"""


def _measured(log):
    """sandbox.run, with every program run under WRAPPER, which logs its own peak memory."""
    from steerco.documents import sandbox

    run = sandbox.run

    def measured(args, limits, **kwargs):
        return run([sys.executable, "-I", "-c", WRAPPER, str(log), *args], limits, **kwargs)

    return measured


def _peaks(log):
    peaks = {}
    for line in log.read_text().splitlines():
        name, peak = line.rsplit(" ", 1)
        peaks[name] = max(peaks.get(name, 0), round(int(peak) / 1024))
    return peaks


def measure(count, pages):
    """Runs in the child process: builds the packs of a meeting with these papers."""
    import django
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    django.setup()
    from steerco.accounts.models import Organisation
    from steerco.documents import actions as document_actions
    from steerco.documents import sandbox
    from steerco.governance.models import Body
    from steerco.meetings.models import AgendaItem, Meeting, Paper, PaperVersion

    contents = _papers(count, pages)
    with transaction.atomic():
        organisation = Organisation.objects.create(name="Packs Borough Council", slug="packs")
        body = Body.objects.create(organisation=organisation, name="Digital Steering Group")
        meeting = Meeting.objects.create(
            organisation=organisation, body=body, on=date(2040, 3, 13), starts_at=clock(10),
            location="Council Chamber",
            agenda_published_at=timezone.make_aware(datetime(2040, 3, 1, 9)),
        )  # fmt: skip
        for number, content in enumerate(contents):
            if number % 2 == 0:
                item = AgendaItem.objects.create(
                    meeting=meeting, position=number // 2 + 1, title=f"Item {number // 2 + 1}"
                )
            restricted = number % 10 == 3
            paper = Paper.objects.create(
                organisation=organisation, item=item, title=f"Paper {number + 1}",
                restricted=restricted, exemption="commercial" if restricted else "",
            )  # fmt: skip
            version = PaperVersion(
                paper=paper, number=1, file_name="p.pdf", file_type="pdf", size=len(content)
            )
            version.file.save("p", ContentFile(content), save=False)
            version.save()
        log = Path(tempfile.mkdtemp(prefix="steerco-bench-peaks-")) / "peaks"
        log.touch()
        sandbox.run = _measured(log)
        started = time.perf_counter()
        packs = document_actions.build_packs(meeting)
        seconds = time.perf_counter() - started
        result = {
            "papers": count,
            "paper_pages": pages,
            "packs": [
                {
                    "name": pack.name,
                    "state": pack.state,
                    "pages": pack.page_count,
                    "megabytes": round(pack.file.size / 1e6, 1) if pack.file else 0,
                }
                for pack in packs
            ],
            "seconds": round(seconds, 1),
            "largest_paper_mb": round(max(len(c) for c in contents) / 1e6, 2),
            "builder_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "pdfjob_peak_mb": _peaks(log).get("pdfjob.py", 0),
            "qpdf_peak_mb": _peaks(log).get("qpdf", 0),
        }
        transaction.set_rollback(True)
    return result


def run(database=None, sizes=SIZES):
    """Each size in a process of its own; its figures. Without a database, a fresh one."""
    with tempfile.TemporaryDirectory(prefix="steerco-bench-packs-") as folder:
        if database is None:
            database = Path(folder) / "packs.sqlite3"
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "-v0"],
                env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
                cwd=HERE.parent, check=True, capture_output=True,
            )  # fmt: skip
        return [_measure_in_child(database, count, pages) for count, pages in sizes]


def _measure_in_child(database, count, pages):
    with tempfile.TemporaryDirectory(prefix="steerco-bench-packs-") as media:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "MEDIA_ROOT": media,
            "DJANGO_SETTINGS_MODULE": "steerco.settings",
        }
        output = subprocess.run(
            [sys.executable, "-m", "benchmarks.packs", "--child", str(count), str(pages)],
            capture_output=True, text=True, env=env, cwd=HERE.parent, check=True,
        ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def print_rows(rows):
    print("Agenda packs (members' and public pack of one meeting, built one after the other):")
    print(
        f"{'papers':>7} {'pages':>6} {'seconds':>8} {'s/100 pages':>12} {'builder MB':>11} "
        f"{'pypdf MB':>9} {'qpdf MB':>8} {'largest paper MB':>17}  packs"
    )
    for row in rows:
        packs = ", ".join(
            f"{p['name']} {p['pages']} pages {p['megabytes']} MB" for p in row["packs"]
        )
        print(
            f"{row['papers']:>7} {row['paper_pages']:>6} {row['seconds']:>8} "
            f"{row['seconds'] * 100 / row['paper_pages']:>12.2f} {row['builder_peak_mb']:>11} "
            f"{row['pdfjob_peak_mb']:>9} {row['qpdf_peak_mb']:>8} {row['largest_paper_mb']:>17}  "
            f"{packs}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(measure(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        print_rows(run())
