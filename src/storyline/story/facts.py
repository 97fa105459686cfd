"""Who is who, who said what and how many, for one story, each fact with its evidence.

Syndicated copies (articles with `duplicate_of`) are left out here: they corroborate their
original, and counting their quotes and figures again would double them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from storyline.model import Article
from storyline.pipeline.nlp.figures import find_figures
from storyline.pipeline.nlp.quotes import find_quotes
from storyline.story.actors import alias_index, build_actors, name_key
from storyline.story.evidence import evidence

MAX_DISAGREEMENT_RATIO = 3.0


def story_facts(articles: Sequence[Article]) -> tuple[list[dict], list[dict], list[dict]]:
    """(actors, quotes, figures) in the dossier schema's shape."""
    originals = [a for a in articles if not a.duplicate_of]
    actors = build_actors((a.id, a.text, a.entities) for a in originals)
    index = alias_index(actors)
    person_names = frozenset(x for a in actors if a.type == "PERSON" for x in a.aliases)
    quotes, figures = [], []
    for article in originals:
        if not article.sentences:
            continue
        for quote in find_quotes(article.text, article.sentences, article.entities, person_names):
            actor = index.get(quote.speaker or "") or index.get(name_key(quote.speaker or ""))
            quotes.append({
                "speaker": actor.id if actor else None,
                "speaker_name": actor.name if actor else quote.speaker,
                "text": quote.text,
                "evidence": evidence(article, article.sentences[quote.sentence]),
            })  # fmt: skip
        published = article.published.date if article.published else None
        for figure in find_figures(article.text, article.sentences, article.entities):
            figures.append({
                "metric": figure.metric,
                "value": figure.value,
                "qualifier": figure.qualifier,
                "unit": figure.unit,
                "as_of": stated_date(article, figure.sentence) or published,
                "where": figure.where,
                "attributed_to": figure.attributed_to,
                "evidence": evidence(article, article.sentences[figure.sentence]),
            })  # fmt: skip
    figures.sort(key=lambda f: (f["metric"], f["where"] or "", f["as_of"] or "", f["value"]))
    flag_disagreements(figures)
    return [a.record() for a in actors], quotes, figures


def stated_date(article: Article, sentence: int) -> str | None:
    """The date a figure's sentence gives it ('by Saturday', 'on March 3'), not a starting
    point ('since March 2011'): a calendar date of the sentence, else None."""
    for timex in article.timexes:
        if timex.sentence != sentence or timex.type != "DATE":
            continue
        if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", timex.value):
            continue
        before = article.text[max(0, timex.start - 12) : timex.start].lower()
        if not re.search(r"\b(?:since|from|after|before)\s+$", before):
            return timex.value
    return None


def flag_disagreements(figures: list[dict]) -> None:
    """Mark figures for the same metric, place and date whose values differ (in place):
    'more than 130,000' and 'at least 130,000' agree; 80,000 and 130,000 on the same day do
    not. Figures with no date are compared with nothing."""
    groups: dict[tuple, list[dict]] = {}
    for figure in figures:
        if figure["as_of"]:
            key = (figure["metric"], figure["where"], figure["as_of"])
            groups.setdefault(key, []).append(figure)
    for figure in figures:
        figure["disagrees"] = False
    for members in groups.values():
        for a, b in combinations(members, 2):
            low, high = sorted((a["value"], b["value"]))
            # Values far apart are about different things (37 in one city, 50,000 in the
            # war): a disagreement is the same count told differently.
            if low != high and low > 0 and high / low < MAX_DISAGREEMENT_RATIO:
                a["disagrees"] = b["disagrees"] = True


def figure_series(figures: Sequence[dict]) -> list[dict]:
    """How each metric's headline figure moved: the figures within a tenth of the largest of
    their metric (a war's toll, not one town's dead), in date order; when some are undated,
    in order of size, which is how a toll grows."""
    by_metric: dict[str, list[dict]] = {}
    for figure in figures:
        by_metric.setdefault(figure["metric"], []).append(figure)
    series = []
    for metric in sorted(by_metric):
        largest = max(f["value"] for f in by_metric[metric])
        points = [f for f in by_metric[metric] if f["value"] >= largest / 10]
        if len({f["value"] for f in points}) < 2:
            continue
        dated = all(f["as_of"] for f in points)
        points.sort(
            key=lambda f: (f["as_of"], f["value"]) if dated else (f["value"], f["as_of"] or "")
        )
        series.append({"metric": metric, "ordered_by": "date" if dated else "value", "points": [
            {"as_of": f["as_of"], "value": f["value"], "qualifier": f["qualifier"],
             "where": f["where"], "article": f["evidence"]["article"]}
            for f in points
        ]})  # fmt: skip
    return series
