import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from steerco.portfolio.rules.duplicates import (
    FILLER_WORDS,
    THRESHOLD,
    Existing,
    Match,
    name_similarity,
    normalise,
    possible_duplicates,
)

REGISTER = [
    Existing(1, "Mobile Working Project", frozenset({"intune"})),
    Existing(2, "Client Technologies Refresh", frozenset({"windows", "intune"})),
    Existing(3, "Workflow and Document Management", frozenset({"civica"})),
    Existing(4, "Home Working", frozenset()),
]


def test_names_are_compared_without_case_punctuation_accents_or_filler_words():
    assert normalise("The Mobile-Working Project (Phase 2)") == "mobile working 2"
    assert normalise("Café & Catering Programme") == "cafe catering"
    assert normalise("The Project") == "the project"
    assert normalise("—") == ""


def test_a_shared_product_lists_a_project_and_the_more_similar_name_ranks_first():
    matches = possible_duplicates("Mobility programme", {"intune"}, REGISTER)
    assert [match.key for match in matches] == [1, 2]
    mobile, client = matches
    assert mobile.shared_products == client.shared_products == frozenset({"intune"})
    assert client.name_similarity < mobile.name_similarity < THRESHOLD
    assert mobile.score == mobile.name_similarity + 1
    assert client.score == client.name_similarity + 0.5


def test_a_similar_name_lists_a_project_without_shared_products():
    [match] = possible_duplicates("Mobile working for social care", {"sap"}, REGISTER)
    assert match.key == 1
    assert match.shared_products == frozenset()
    assert match.name_similarity >= THRESHOLD


def test_an_unrelated_name_without_shared_products_is_not_listed():
    assert possible_duplicates("Payroll replacement", {"sap"}, REGISTER) == []


def test_the_same_name_in_other_words_is_listed_first():
    [match, *_] = possible_duplicates("mobile working", (), REGISTER)
    assert match == Match(1, "Mobile Working Project", 1.0, frozenset(), 1.0)


def test_the_list_can_be_cut_short():
    assert len(possible_duplicates("Working", {"intune"}, REGISTER, limit=1)) == 1


names = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "Zs", "P"]), min_size=0, max_size=40
)
product_sets = st.frozensets(st.sampled_from(["intune", "windows", "civica", "sap", "teams"]))
plain_names = st.text(alphabet=string.ascii_letters + string.digits + " -,.", max_size=40)
registers = st.lists(
    st.builds(Existing, st.integers(), names, product_sets),
    max_size=12,
    unique_by=lambda project: project.key,
)


@given(names, names)
def test_similarity_is_symmetric_and_between_nothing_and_the_same(first, second):
    similarity = name_similarity(first, second)
    assert similarity == name_similarity(second, first)
    assert 0 <= similarity <= 1


@given(names)
def test_a_name_is_wholly_like_itself(name):
    assert name_similarity(name, name) == (1.0 if normalise(name) else 0.0)


def telling(name):
    return any(word not in FILLER_WORDS for word in normalise(name).split())


@given(plain_names.filter(telling))
def test_case_punctuation_and_filler_words_make_no_difference(name):
    assert name_similarity(name, f"The {name.upper()} project!") == 1.0


@given(names, product_sets, registers)
def test_every_listed_project_has_a_similar_name_or_a_shared_product(name, products, register):
    matches = possible_duplicates(name, products, register)
    listed = {match.key for match in matches}
    for project in register:
        if name_similarity(name, project.name) >= THRESHOLD or products & project.products:
            assert project.key in listed
    for match in matches:
        assert match.name_similarity >= THRESHOLD or match.shared_products
    scores = [match.score for match in matches]
    assert scores == sorted(scores, reverse=True)


@given(names, product_sets, registers, st.sampled_from(["sap", "intune"]))
def test_sharing_another_product_never_lowers_a_match(name, products, register, extra):
    before = {match.key: match.score for match in possible_duplicates(name, products, register)}
    shared = [
        Existing(project.key, project.name, project.products | {extra}) for project in register
    ]
    after = {
        match.key: match.score for match in possible_duplicates(name, products | {extra}, shared)
    }
    for key, score in before.items():
        assert after[key] >= score


vocabulary = ["mobile", "mobility", "working", "portal", "customer", "care", "the", "project", "2"]
worded_names = st.lists(st.sampled_from(vocabulary), max_size=5).map(" ".join)


def longest_common_subsequence(first, second):
    """Its length, by the textbook dynamic programme."""
    lengths = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            lengths[i + 1][j + 1] = (
                lengths[i][j] + 1 if a == b else max(lengths[i][j + 1], lengths[i + 1][j])
            )
    return lengths[-1][-1]


@given(st.one_of(worded_names, plain_names), st.one_of(worded_names, plain_names))
def test_names_are_alike_as_text_by_the_letters_they_share_in_order(first, second):
    a, b = normalise(first), normalise(second)
    words = len(set(a.split()) & set(b.split())) / len(set(a.split()) | set(b.split()) or {""})
    text = 2 * longest_common_subsequence(a, b) / (len(a) + len(b)) if a and b else 0.0
    assert name_similarity(first, second) == pytest.approx(max(text, words) if a and b else 0.0)


@given(
    worded_names,
    st.frozensets(st.sampled_from(["intune", "sap"])),
    st.lists(
        st.builds(Existing, st.integers(), worded_names, product_sets),
        max_size=15,
        unique_by=lambda project: project.key,
    ),
    st.integers(1, 5),
)
def test_a_short_list_is_the_head_of_the_whole_list(name, products, register, limit):
    whole = possible_duplicates(name, products, register)
    assert possible_duplicates(name, products, register, limit=limit) == whole[:limit]
