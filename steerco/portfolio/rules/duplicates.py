"""Possible duplicates of a project about to be registered.

Seed 000 asks the steering group to "take a corporate view on a common product strategy to avoid
duplication"; issue 9: "A duplicate check when a project is registered lists existing projects
with similar names or the same products and platforms".

The rules, as implemented here:

1. Names are compared once normalised: lower case, accents and punctuation dropped, "&" read as
   "and", and the words that say nothing about what a project does (project, programme, phase,
   the, of, …) left out unless the name has no other words. A name with no letters or digits
   is like no other.
2. The similarity of two names is the larger of two measures between 0 and 1: how alike the
   normalised names are as text (difflib's ratio, which sees "mobile" in "mobility", taken
   with the names in alphabetical order so that it is the same both ways round) and the
   share of their words they have in common (words in both over words in either).
3. An existing project is a possible duplicate when the similarity of its name reaches the
   threshold, 0.6 unless the caller says otherwise, or when it uses, introduces or retires a
   product or platform the new project does.
4. Possible duplicates are ranked by the name's similarity plus the share of products in common
   (products of both over products of either), highest first, then by name.
"""

import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

THRESHOLD = 0.6

FILLER_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "for", "to", "in", "on", "project", "programme", "phase"}
)


WORD = re.compile(r"[a-z0-9]+")


def normalise(name: str) -> str:
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = WORD.findall(name.lower().replace("&", " and "))
    telling = [word for word in words if word not in FILLER_WORDS]
    # A name made only of such words ("The Project") is compared as it stands.
    return " ".join(telling or words)


def _words_in_common(first: set, second: set) -> float:
    return len(first & second) / len(first | second)


def _similarity(a: str, b: str) -> float:
    """The similarity of two normalised names."""
    if not a or not b:
        return 0.0
    # difflib's ratio depends on the order of its arguments: take them in one order always.
    text = SequenceMatcher(None, *sorted((a, b))).ratio()
    return max(text, _words_in_common(set(a.split()), set(b.split())))


def _similarity_to(matcher: SequenceMatcher, wanted: str, other: str) -> float:
    """`_similarity(wanted, other)`, using `matcher` (whose second text is `wanted`) where the
    alphabetical order puts `wanted` second: what difflib learnt of it is not learnt again."""
    if not wanted or not other or other > wanted:
        return _similarity(wanted, other)
    matcher.set_seq1(other)
    text = matcher.ratio()
    return max(text, _words_in_common(set(wanted.split()), set(other.split())))


def name_similarity(first: str, second: str) -> float:
    return _similarity(normalise(first), normalise(second))


@dataclass(frozen=True)
class Existing:
    key: Hashable
    name: str
    products: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class Match:
    key: Hashable
    name: str
    name_similarity: float
    shared_products: frozenset
    score: float


def possible_duplicates(
    name: str,
    products: Iterable[Hashable],
    existing: Iterable[Existing],
    *,
    threshold: float = THRESHOLD,
    limit: int | None = None,
) -> list[Match]:
    products = frozenset(products)
    wanted = normalise(name)
    wanted_words = set(wanted.split())
    # difflib keeps what it learnt of its second text: the new name is that text throughout.
    matcher = SequenceMatcher(None)
    matcher.set_seq2(wanted)
    candidates = []
    for project in existing:
        shared = products & project.products
        other = normalise(project.name)
        words = _words_in_common(wanted_words, set(other.split())) if wanted and other else 0.0
        # A cheap upper bound of the name's similarity first: most names are nothing alike.
        bound = words
        if wanted and other:
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() > words:
                bound = max(words, matcher.quick_ratio())
        if bound < threshold and not shared:
            continue
        overlap = len(shared) / len(products | project.products) if shared else 0.0
        candidates.append((bound + overlap, overlap, project, other, shared))
    # The likeliest by their bounds first: once `limit` matches score more than the next
    # candidate could, the rest cannot enter the list.
    candidates.sort(key=lambda candidate: -candidate[0])
    matches = []
    for bound, overlap, project, other, shared in candidates:
        if limit is not None and len(matches) >= limit:
            matches.sort(key=_rank)
            if bound < matches[limit - 1].score:
                break
        similarity = _similarity_to(matcher, wanted, other)
        if similarity < threshold and not shared:
            continue
        matches.append(
            Match(project.key, project.name, similarity, frozenset(shared), similarity + overlap)
        )
    matches.sort(key=_rank)
    return matches if limit is None else matches[:limit]


def _rank(match: Match):
    return (-match.score, match.name.lower(), str(match.key))
