import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.documents.rules.numbering import first_pages, settle, total_pages

counts = st.lists(st.integers(min_value=1, max_value=400), max_size=80)


def test_papers_start_after_the_front_matter_and_each_other():
    assert first_pages(3, [2, 1, 10]) == [4, 6, 7]
    assert total_pages(3, [2, 1, 10]) == 16


def test_a_paper_without_pages_is_refused():
    with pytest.raises(ValueError, match="at least one page"):
        first_pages(3, [2, 0])


@given(st.integers(min_value=1, max_value=50), counts)
def test_the_papers_fill_the_pack_without_gaps_or_overlaps(front, pages):
    starts = first_pages(front, pages)
    ends = [start + count - 1 for start, count in zip(starts, pages, strict=True)]
    assert all(following == end + 1 for end, following in zip(ends, starts[1:], strict=False))
    assert (ends[-1] if ends else front) == total_pages(front, pages)


@given(counts)
def test_the_front_matter_settles_when_its_length_grows_with_the_numbers(pages):
    # The contents takes one page per 30 papers, and one more once any number has four digits.
    def render(starts):
        return 2 + (len(starts) // 30 + 1) + (1 if any(s >= 1000 for s in starts) else 0)

    front, starts = settle(render, pages)
    assert render(starts) == front
    assert starts == first_pages(front, pages)


def test_a_contents_that_never_settles_is_refused():
    with pytest.raises(ValueError, match="did not settle"):
        settle(lambda starts: starts[0], [1])
