"""How much of one job carries over to another: a similarity between O*NET occupations, for
"where my experience can take me" (careers.next_steps). Computed once per O*NET import by
`manage.py build_next_steps`, never per request, and kept as each occupation's closest
(`OnetSimilar`).

The similarity of two occupations, from 0 to 1, adds three parts:

- skills and knowledge (weight 0.65): the correlation of their importance ratings over every
  skill and knowledge area both are rated on, each rating first centred on that area's mean
  over all occupations (so that "Speaking matters to everyone" does not make every pair look
  alike), mapped from −1…1 to 0…1;
- technology (weight 0.2): the share of kinds of tools they have in common (O*NET's commodity
  titles: "Medical software", "Spreadsheet software"), out of the kinds either uses;
- O*NET's own judgement (weight 0.15): 1 for a "Primary-Short" related occupation, 0.7 for
  "Primary-Long", 0.4 for "Supplemental", 0 otherwise (the larger of the two directions).
"""

from operator import mul
from statistics import fmean

WEIGHTS = {"ratings": 0.65, "technology": 0.2, "related": 0.15}
TIERS = {"Primary-Short": 1.0, "Primary-Long": 0.7, "Supplemental": 0.4}
KEPT = 15  # the closest occupations kept for each


def centred(vectors: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Each occupation's ratings less each element's mean over the occupations rated on it."""
    sums: dict[str, list[float]] = {}
    for ratings in vectors.values():
        for element, value in ratings.items():
            sums.setdefault(element, []).append(value)
    means = {element: fmean(values) for element, values in sums.items()}
    return {
        code: {element: value - means[element] for element, value in ratings.items()}
        for code, ratings in vectors.items()
    }


def closest(
    ratings: dict[str, dict[str, float]],
    kinds: dict[str, set[str]],
    related: dict[str, dict[str, str]],
    kept: int = KEPT,
) -> dict[str, list[tuple[str, float]]]:
    """{code: [(other code, similarity 0–1), …]}, closest first, `kept` of them at most.

    Every pair once: about 240,000 for O*NET's 699 occupations, each a dot product of two
    dense vectors whose lengths are known beforehand (well under a second)."""
    codes = sorted(set(ratings) | set(kinds))
    elements = sorted({element for values in ratings.values() for element in values})
    vectors = {
        code: [values.get(element, 0.0) for element in elements]
        for code, values in centred(ratings).items()
    }
    lengths = {code: sum(map(mul, vector, vector)) ** 0.5 for code, vector in vectors.items()}
    found: dict[str, list[tuple[str, float]]] = {code: [] for code in codes}
    for i, code in enumerate(codes):
        mine = kinds.get(code, set())
        for other in codes[i + 1 :]:
            rated = 0.0
            if lengths.get(code) and lengths.get(other):
                dot = sum(map(mul, vectors[code], vectors[other]))
                rated = (dot / (lengths[code] * lengths[other]) + 1) / 2
            theirs = kinds.get(other, set())
            either = mine | theirs
            tools = len(mine & theirs) / len(either) if either else 0.0
            tier = max(
                TIERS.get(related.get(code, {}).get(other, ""), 0.0),
                TIERS.get(related.get(other, {}).get(code, ""), 0.0),
            )
            score = round(
                WEIGHTS["ratings"] * rated
                + WEIGHTS["technology"] * tools
                + WEIGHTS["related"] * tier,
                4,
            )
            found[code].append((other, score))
            found[other].append((code, score))
    return {
        code: sorted(pairs, key=lambda pair: (-pair[1], pair[0]))[:kept]
        for code, pairs in found.items()
    }
