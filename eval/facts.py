"""Actors, quotes and figures against a hand-labelled dev set (eval/data/facts/dev.jsonl).

Each story of the set is built into its own store (story clustering is a later stage) and
its dossier is compared with the gold labels, article by article:

- actor merging: pairs of gold aliases of one actor that Storyline puts in one actor
  (recall) and pairs it puts together that belong to one gold actor (precision), counted
  over the aliases of each article (titles are roles in Storyline, so an alias is looked
  up without its leading title words);
- quotes: a quote is found when its words match a gold quote (case and spacing aside);
  it is right with its speaker when the speaker is the gold one (an alias of it) or both
  are unattributed;
- figures: right when metric, value and qualifier all match a gold figure of the article.

    python eval/facts.py [--errors]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate

import storyline
from storyline.story.actors import name_key

DATA = Path(__file__).parent / "data" / "facts" / "dev.jsonl"


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def run_story(records: list[dict], tmp: Path) -> tuple[dict, dict[str, str]]:
    """The story object of the dossier, and article id -> record id."""
    feed = tmp / f"{records[0]['story']}.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"text": r["text"]}) for r in records) + "\n", encoding="utf-8"
    )
    db = tmp / f"{records[0]['story']}.db"
    storyline.build([feed], db=db)
    with storyline.load(db) as corpus:
        data = corpus.dossier().data
    by_line = {
        a["id"]: records[int(a["source"].rsplit("#", 1)[1]) - 1]["id"] for a in data["articles"]
    }
    return data["stories"][0], by_line


def load_stories() -> dict[str, list[dict]]:
    """The labelled articles, grouped by story, in file order."""
    stories: dict[str, list[dict]] = defaultdict(list)
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line:
            record = json.loads(line)
            stories[record["story"]].append(record)
    return stories


def alias_keys(record: dict) -> dict[str, set[str]]:
    """Gold actor name -> the name keys of its aliases, for one labelled article."""
    return {
        a["name"]: {name_key(x) for x in a["aliases"]} | {name_key(a["name"])}
        for a in record["actors"]
    }


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"no facts dev set at {DATA}", file=sys.stderr)
        return 1
    stories = load_stories()
    records = [record for members in stories.values() for record in members]
    counts = defaultdict(int)
    with tempfile.TemporaryDirectory() as tmp:
        for members in stories.values():
            story, to_record = run_story(members, Path(tmp))
            by_record = {r["id"]: r for r in members}
            score_actors(story, members, counts, args.errors)
            score_quotes(story, by_record, to_record, counts, args.errors)
            score_figures(story, by_record, to_record, counts, args.errors)
    results = {
        "actor_precision": ratio(counts["pair_tp"], counts["pair_pred"]),
        "actor_recall": ratio(counts["pair_tp"], counts["pair_gold"]),
        "quote_precision": ratio(counts["quote_ok"], counts["quote_pred"]),
        "quote_recall": ratio(counts["quote_ok"], counts["quote_gold"]),
        "quote_span_precision": ratio(counts["quote_found"], counts["quote_pred"]),
        "quote_span_recall": ratio(counts["quote_found"], counts["quote_gold"]),
        "figure_precision": ratio(counts["figure_ok"], counts["figure_pred"]),
        "figure_recall": ratio(counts["figure_ok"], counts["figure_gold"]),
    }
    print(f"facts dev set: {len(records)} articles in {len(stories)} stories")
    print(f"{'':<30}{'precision':>10}{'recall':>8}")
    for label, key in (
        ("actor merging (alias pairs)", "actor"),
        ("quote span", "quote_span"),
        ("quote span + speaker", "quote"),
        ("figure value+metric+qualifier", "figure"),
    ):
        print(f"{label:<30}{results[key + '_precision']:>10.3f}{results[key + '_recall']:>8.3f}")
    return gate.check("facts", None, results)


def score_actors(story: dict, records: list[dict], counts: dict, show: bool) -> None:
    owner = {}
    for actor in story["actors"]:
        for alias in actor["aliases"]:
            owner[alias] = actor["id"]
            owner.setdefault(name_key(alias), actor["id"])
    for record in records:
        gold_of = {}
        for number, actor in enumerate(record["actors"]):
            for alias in set(actor["aliases"]) | {actor["name"]}:
                gold_of[alias] = number
        aliases = sorted(gold_of)
        for a, b in itertools.combinations(aliases, 2):
            same_gold = gold_of[a] == gold_of[b]
            pa, pb = _owner(owner, a), _owner(owner, b)
            same_pred = pa is not None and pa == pb
            counts["pair_gold"] += same_gold
            counts["pair_pred"] += same_pred
            counts["pair_tp"] += same_gold and same_pred
            if show and same_gold != same_pred:
                print(
                    f"actors {record['id']}: {a!r} / {b!r} gold {'same' if same_gold else 'apart'}"
                )


def _owner(owner: dict, alias: str) -> str | None:
    """The actor holding a gold alias. Storyline keeps titles as roles, not in names, so a
    gold alias with a title ('President Ilyas al-Karimi') is looked up without its leading
    words, one at a time."""
    words_ = alias.split()
    for i in range(len(words_)):
        rest = " ".join(words_[i:])
        found = owner.get(rest) or owner.get(name_key(rest))
        if found:
            return found
    return None


def score_quotes(story: dict, by_record: dict, to_record: dict, counts: dict, show: bool) -> None:
    predicted = defaultdict(list)
    for quote in story["quotes"]:
        predicted[to_record[quote["evidence"]["article"]]].append(quote)
    speakers = {a["id"]: a for a in story["actors"]}
    for record_id, record in by_record.items():
        aliases = alias_keys(record)
        gold = list(record["quotes"])
        counts["quote_gold"] += len(gold)
        counts["quote_pred"] += len(predicted[record_id])
        for quote in predicted[record_id]:
            match = next((g for g in gold if _same_words(g["text"], quote["text"])), None)
            if match is None:
                if show:
                    print(f"quote {record_id}: spurious {quote['text'][:70]!r}")
                continue
            gold.remove(match)
            counts["quote_found"] += 1
            if _same_speaker(match["speaker"], quote, speakers, aliases):
                counts["quote_ok"] += 1
            elif show:
                print(
                    f"quote {record_id}: speaker {quote['speaker_name']!r}, gold {match['speaker']!r}: {quote['text'][:50]!r}"
                )
        if show:
            for g in gold:
                print(f"quote {record_id}: missed {g['text'][:70]!r} ({g['speaker']})")


def _same_words(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    return bool(wa) and (
        wa == wb or (min(len(wa), len(wb)) > 0.8 * max(len(wa), len(wb)) and (wa in wb or wb in wa))
    )


def _same_speaker(gold: str | None, quote: dict, speakers: dict, aliases: dict) -> bool:
    if gold is None:
        return quote["speaker_name"] is None
    if quote["speaker_name"] is None:
        return False
    keys = aliases.get(gold, {name_key(gold)})
    said = {name_key(quote["speaker_name"])}
    if quote["speaker"] in speakers:
        said |= {name_key(x) for x in speakers[quote["speaker"]]["aliases"]}
    return bool(keys & said)


def score_figures(story: dict, by_record: dict, to_record: dict, counts: dict, show: bool) -> None:
    predicted = defaultdict(list)
    for figure in story["figures"]:
        predicted[to_record[figure["evidence"]["article"]]].append(figure)
    for record_id, record in by_record.items():
        gold = list(record["figures"])
        counts["figure_gold"] += len(gold)
        counts["figure_pred"] += len(predicted[record_id])
        for figure in predicted[record_id]:
            match = next((g for g in gold if g["metric"] == figure["metric"] and float(g["value"]) == figure["value"]
                          and g.get("qualifier") == figure["qualifier"]), None)  # fmt: skip
            if match is None:
                if show:
                    print(
                        f"figure {record_id}: spurious {figure['metric']} {figure['value']:g} {figure['qualifier']} | {figure['evidence']['text'][:80]!r}"
                    )
                continue
            gold.remove(match)
            counts["figure_ok"] += 1
        if show:
            for g in gold:
                print(
                    f"figure {record_id}: missed {g['metric']} {g['value']} {g.get('qualifier')} | {g.get('text')!r}"
                )


if __name__ == "__main__":
    sys.exit(main())
