"""The report's sections as tables of text: what the PDF and the Word document both print,
so the two say the same."""

from steerco.progress_report.models import Section


class Linked(str):
    """A cell's text that the page links to `url` (a KPI to its own page); the documents
    print the text."""

    def __new__(cls, text, url):
        made = super().__new__(cls, text)
        made.url = url
        return made


def draft_note(missing):
    return "Draft: the front matter is not complete. Still to write: " + ", ".join(missing) + "."


def _money(value):
    return "" if value is None else f"£{value:,.2f}"


def _day(value):
    return "" if value is None else f"{value:%-d %B %Y}"


def section_tables(report, section):
    """(caption, headings, rows) of one section."""
    if section == Section.PROGRESS:
        return [
            (
                theme.name,
                ["Objective", "Progress"],
                [
                    (objective.title, _percent(objective.progress))
                    for objective in theme.objective_list
                ]
                + [("The theme as a whole", _percent(theme.progress))],
            )
            for theme in report.themes
        ]
    if section == Section.PROJECTS:
        projects = report.projects
        return [
            (
                "Projects started",
                ["Project", "Stage", "Start date"],
                [(str(p), p.get_stage_display(), _day(p.starts_on)) for p in projects.started],
            ),
            (
                "Projects delivered",
                ["Project", "Closed on", "End date"],
                [(str(p), _day(p.closed_at.date()), _day(p.ends_on)) for p in projects.delivered],
            ),
            (
                "Projects slipped",
                ["Project", "End date at the year's start", "End date at the year's end", "Why"],
                [
                    (
                        str(p),
                        _day(p.end_at_start),
                        _day(p.end_at_end),
                        "End date moved later" if p.moved else "Past its end date, not closed",
                    )
                    for p in projects.slipped
                ],
            ),
        ]
    if section == Section.BENEFITS:
        benefits = report.benefits
        return [
            (
                "Benefits due or realised in the year",
                ["Project", "Benefit", "Kind", "Target date", "Planned for the year", "Realised"],
                [
                    (
                        b.project.reference,
                        b.description,
                        b.get_kind_display(),
                        _day(b.target_on),
                        _money(b.planned),
                        _money(b.realised) if b.kind != "qualitative" else f"{b.entries} entries",
                    )
                    for b in benefits.rows
                ],
            ),
            (
                "Totals",
                ["Kind", "Planned for the year", "Realised in the year"],
                [(t.label, _money(t.planned), _money(t.realised)) for t in benefits.totals],
            ),
        ]
    if section == Section.KPIS:
        return [
            (
                "KPIs",
                ["KPI", "Theme", "Target", "Latest in the year", "Status", "Trend over the year"],
                [
                    (
                        Linked(kpi.name, kpi.url),
                        kpi.theme_name,
                        kpi.target_shown,
                        f"{kpi.latest.period}: {kpi.latest.shown}" if kpi.latest else "None",
                        kpi.latest.get_status_display()
                        if kpi.latest and kpi.latest.status
                        else "Not rated",
                        TRENDS.get(kpi.trend, "Not enough measurements"),
                    )
                    for kpi in report.kpis
                ],
            )
        ]
    if section == Section.RISKS:
        return [
            (
                "Top risks",
                ["Risk", "Score at the year's start", "Score at the year's end", "Movement"],
                [
                    (
                        str(r),
                        "" if r.score_at_start is None else r.score_at_start,
                        r.score_at_end,
                        r.movement,
                    )
                    for r in report.risks
                ],
            )
        ]
    if section == Section.DECISIONS:
        return [
            (
                "Decisions",
                ["Decision", "Meeting", "Outcome", "Statement"],
                [
                    (d.reference, _day(d.item.meeting.on), d.get_outcome_display(), d.statement)
                    for d in report.decisions
                ],
            )
        ]
    if section == Section.ACTIONS:
        return [
            (
                "Actions",
                ["Action", "Owner", "Due", "Status"],
                [
                    (
                        f"{a.body.short_name or a.body.name} {a.number}: {a.description}",
                        str(a.owner),
                        _day(a.due_on),
                        a.get_status_display(),
                    )
                    for a in report.actions
                ],
            )
        ]
    return []


TRENDS = {"improving": "Improving", "worsening": "Worsening", "steady": "No change"}


def _percent(progress):
    return "Not started" if progress.percent is None else f"{progress.percent}%"
