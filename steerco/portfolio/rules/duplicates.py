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
   normalised names are as text (difflib's ratio, which sees "mobile" in "mobility") and the
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


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.findall(r"[a-z0-9]+", plain.lower().replace("&", " and "))
    telling = [word for word in words if word not in FILLER_WORDS]
    # A name made only of such words ("The Project") is compared as it stands.
    return " ".join(telling or words)


def name_similarity(first: str, second: str) -> float:
    a, b = normalise(first), normalise(second)
    if not a or not b:
        return 0.0
    text = SequenceMatcher(None, a, b).ratio()
    # The ratio of difflib depends on the order of its arguments; take both ways.
    text = max(text, SequenceMatcher(None, b, a).ratio())
    words_a, words_b = set(a.split()), set(b.split())
    words = len(words_a & words_b) / len(words_a | words_b)
    return max(text, words)


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
    matches = []
    for project in existing:
        similarity = name_similarity(name, project.name)
        shared = products & project.products
        if similarity < threshold and not shared:
            continue
        overlap = len(shared) / len(products | project.products) if shared else 0.0
        matches.append(
            Match(project.key, project.name, similarity, frozenset(shared), similarity + overlap)
        )
    matches.sort(key=lambda match: (-match.score, match.name.lower(), str(match.key)))
    return matches if limit is None else matches[:limit]
