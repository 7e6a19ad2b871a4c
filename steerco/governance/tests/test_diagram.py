from hypothesis import given
from hypothesis import strategies as st

from steerco.governance import diagram


def test_a_body_sits_below_the_bodies_it_reports_to():
    bodies = [(1, "Steering group"), (2, "Cabinet"), (3, "Council"), (4, "Project board")]
    picture = diagram.layout(bodies, upward=[(1, 2), (2, 3), (4, 1)], alongside=[])
    y = {box.key: box.y for box in picture.boxes}
    assert y[3] < y[2] < y[1] < y[4]


def test_bodies_working_alongside_share_a_row():
    bodies = [(1, "Steering group"), (2, "EMT"), (3, "Scrutiny")]
    picture = diagram.layout(bodies, upward=[(1, 2)], alongside=[(1, 3)])
    y = {box.key: box.y for box in picture.boxes}
    assert y[3] == y[1]
    assert [line.alongside for line in picture.lines] == [False, True]


def test_the_focus_body_stands_in_the_middle_of_its_row():
    bodies = [(1, "A"), (2, "B"), (3, "C"), (4, "D"), (9, "Steering group"), (5, "Top")]
    picture = diagram.layout(
        bodies, upward=[(1, 5), (2, 5), (3, 5), (4, 5), (9, 5)], alongside=[], focus=9
    )
    row = sorted((box for box in picture.boxes if box.key != 5), key=lambda box: box.x)
    assert [box.key for box in row] == [1, 2, 9, 3, 4]
    assert [box.focus for box in row] == [False, False, True, False, False]


def test_long_names_wrap_onto_lines():
    assert diagram.wrap("ICT Project Board – Workflow and Mobility") == (
        "ICT Project Board –",
        "Workflow and Mobility",
    )


edges = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20).map(
    lambda pairs: sorted({(a, b) for a, b in pairs if a != b})
)


@given(st.integers(1, 8), edges)
def test_every_body_gets_one_box_and_no_boxes_overlap(count, upward):
    bodies = [(key, f"Body {key}") for key in range(count)]
    upward = [(a, b) for a, b in upward if a < count and b < count]
    picture = diagram.layout(bodies, upward=upward, alongside=[])
    assert sorted(box.key for box in picture.boxes) == list(range(count))
    corners = {(box.x, box.y) for box in picture.boxes}
    assert len(corners) == count
    for box in picture.boxes:
        assert box.x >= 0 and box.x + diagram.BOX_WIDTH <= picture.width
        assert box.y >= 0 and box.y + diagram.BOX_HEIGHT <= picture.height
    assert len(picture.lines) == len(upward)
