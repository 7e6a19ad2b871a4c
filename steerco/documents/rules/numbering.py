"""Page numbers across an agenda pack.

A pack is the front matter (cover, agenda, contents), then each paper in agenda order. Its pages
are numbered 1 to the last across the whole pack, the cover being page 1, so a member can say
"page 212" at the meeting and everyone turns to the same page. Each paper starts on the page after
the last page of the one before it; a paper that could not be included, or is replaced by a page
giving its exemption category, takes exactly one page.

The contents page lists where each paper starts, but it is itself in the front matter: a longer
contents can push every paper on by a page. `settle` renders the front matter with a guess at
its length and again with the length found, until the two agree.
"""

from collections.abc import Callable, Sequence


def first_pages(front_pages: int, paper_pages: Sequence[int]) -> list[int]:
    """The pack page each paper starts on, numbering the cover as page 1."""
    if front_pages < 1:
        raise ValueError("A pack has at least one page of front matter: its cover.")
    starts, page = [], front_pages + 1
    for count in paper_pages:
        if count < 1:
            raise ValueError(f"Every paper takes at least one page; one was given {count}.")
        starts.append(page)
        page += count
    return starts


def total_pages(front_pages: int, paper_pages: Sequence[int]) -> int:
    return front_pages + sum(paper_pages)


def settle(render: Callable[[list[int]], int], paper_pages: Sequence[int], *, guess=3, tries=5):
    """The front matter's length and the papers' first pages, once the contents rendered with
    those first pages is itself that long. `render(first_pages)` returns the number of pages the
    front matter takes when its contents shows those page numbers."""
    front = guess
    for _ in range(tries):
        starts = first_pages(front, paper_pages)
        length = render(starts)
        if length == front:
            return front, starts
        front = length
    raise ValueError("The contents page did not settle on a length.")
