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
   normalised names are as text (the letters they share in order — twice their longest common
   subsequence over their lengths together, rapidfuzz's Indel similarity, which sees "mobile"
   in "mobility" and is the same both ways round) and the share of their words they have in
   common (words in both over words in either).
3. An existing project is a possible duplicate when the similarity of its name reaches the
   threshold, 0.6 unless the caller says otherwise, or when it uses, introduces or retires a
   product or platform the new project does.
4. Possible duplicates are ranked by the name's similarity plus the share of products in common
   (products of both over products of either), highest first, then by name.
"""

import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Indel

THRESHOLD = 0.6

FILLER_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "for", "to", "in", "on", "project", "programme", "phase"}
)


WORD = re.compile(r"[a-z0-9]+")


# A pure function of the name: a register's names are normalised once per process, not on
# every check.
@lru_cache(maxsize=50_000)
def normalise(name: str) -> str:
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = WORD.findall(name.lower().replace("&", " and "))
    telling = [word for word in words if word not in FILLER_WORDS]
    # A name made only of such words ("The Project") is compared as it stands.
    return " ".join(telling or words)


def _words_in_common(first: frozenset, second: frozenset) -> float:
    return len(first & second) / len(first | second)


@lru_cache(maxsize=50_000)
def _words(normalised: str) -> frozenset:
    return frozenset(normalised.split())


def _similarity(a: str, b: str) -> float:
    """The similarity of two normalised names."""
    if not a or not b:
        return 0.0
    return _measure(a, b, Indel.distance(a, b))


def _measure(a: str, b: str, distance: int) -> float:
    """The similarity of two normalised names, neither empty, given their Indel distance (the
    letters of either not in a longest common subsequence)."""
    length = len(a) + len(b)
    return max((length - distance) / length, _words_in_common(_words(a), _words(b)))


def name_similarity(first: str, second: str) -> float:
    return _similarity(normalise(first), normalise(second))


class Existing(NamedTuple):
    """A project already registered (a tuple: a register has thousands)."""

    key: Hashable
    name: str
    products: frozenset = frozenset()


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
    existing = list(existing)
    others = [normalise(project.name) for project in existing]
    # Every name's distance from the new one in one call (rapidfuzz's C++), not one by one.
    distances = (
        process.cdist([wanted], others, scorer=Indel.distance, workers=1)[0].tolist()
        if wanted and others
        else [0] * len(others)
    )
    matches = []
    for project, other, distance in zip(existing, others, distances, strict=True):
        shared = products & project.products
        similarity = _measure(wanted, other, distance) if wanted and other else 0.0
        if similarity < threshold and not shared:
            continue
        overlap = len(shared) / len(products | project.products) if shared else 0.0
        matches.append(
            Match(project.key, project.name, similarity, frozenset(shared), similarity + overlap)
        )
    matches.sort(key=_rank)
    return matches if limit is None else matches[:limit]


def _rank(match: Match):
    return (-match.score, match.name.lower(), str(match.key))
