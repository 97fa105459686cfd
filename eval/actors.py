"""Actor quality on real coverage: what the shared scorer does not measure.

`../shared/data/realnews/` part-a and part-b are built as text only (as `realnews.py` does),
and each story's 30 most mentioned actors are checked against an inventory labelled from
the article texts alone, by someone who saw neither this code nor its output
(`eval/data/actors/part-*.json`: each story's actors with every name the texts give them,
and the names that are not actors: places, news outlets, page furniture, other things).

For each of the top 30 entries, in order of mentions:

- an *actor* entry has a name or alias that is one of a labelled actor's names (compared
  without case, accents, dots or a leading 'the'); several labelled actors: the one its own
  name matches, else the first;
- a *split* is an actor entry for a labelled actor an entry above it already stands for;
- a *place* entry matches a labelled place and no actor: places belong with `where`;
- everything else is *junk*: page furniture, outlets, things, names no one labelled.

Printed per part: junk share, place share, split share (of the actor entries), and
`one_entry`: of the labelled people found among the top 30, the share found as exactly one
entry. Gated on part-a by eval/baseline.json ("actors"); part-b is reported.

    python eval/actors.py [--keep DIR] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate
from realnews import REALNEWS, built

LABELS = Path(__file__).parent / "data" / "actors"
TOP = 30
PARTS = ("part-a", "part-b")


def key(name: str) -> str:
    """A name as compared: no case, accents, dots, possessive or leading article."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’]s\b", "", text.replace(".", ""))
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def story_of(dossier_story: dict, gold_story: dict[str, str]) -> str | None:
    """The labelled story most of a dossier story's articles are of."""
    votes = Counter(gold_story[a] for a in dossier_story["articles"] if a in gold_story)
    return votes.most_common(1)[0][0] if votes else None


def judge(actors: list[dict], labels: dict) -> dict[str, float | int]:
    """The measures of one story's top entries against its labels."""
    owners: dict[str, list[int]] = {}
    for i, actor in enumerate(labels["actors"]):
        for name in {actor["name"], *actor.get("aliases", [])}:
            owners.setdefault(key(name), []).append(i)
    places = {key(n["name"]) for n in labels.get("not_actors", []) if n.get("kind") == "place"}
    seen: Counter = Counter()
    junk = place = split = 0
    for entry in actors[:TOP]:
        names = [entry["name"], *entry.get("aliases", [])]
        own = owners.get(key(entry["name"]))
        found = own or next((owners[key(n)] for n in names if key(n) in owners), None)
        if found:
            seen[found[0]] += 1
            split += seen[found[0]] > 1
        elif any(key(n) in places for n in names):
            place += 1
        else:
            junk += 1
    people = [i for i, a in enumerate(labels["actors"]) if a.get("type") == "PERSON"]
    found_people = [i for i in people if seen[i]]
    return {
        "entries": min(TOP, len(actors)),
        "junk": junk,
        "places": place,
        "splits": split,
        "actor_entries": sum(seen.values()),
        "people_found": len(found_people),
        "people_once": sum(1 for i in found_people if seen[i] == 1),
    }


def measures(dossier: dict, part: str, labels: dict) -> tuple[dict[str, float], list[str]]:
    """(the part's shares, a line per story) for a dossier holding the part's pages."""
    gold_story = {}
    for line in (REALNEWS / part / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold_story[row["id"]] = row["story"]
    by_source = {
        a["id"]: gold_story[Path(str(a["source"]).split("#")[0]).stem]
        for a in dossier["articles"]
        if Path(str(a["source"]).split("#")[0]).stem in gold_story
    }
    totals: Counter = Counter()
    lines = []
    for story in dossier["stories"]:
        name = story_of(story, by_source)
        if name is None or name not in labels["stories"]:
            continue
        counts = judge(story["actors"], labels["stories"][name])
        totals.update(counts)
        lines.append(f"  {name:<28}" + " ".join(f"{k}={v}" for k, v in counts.items()))
    entries = totals["entries"] or 1
    return {
        "junk": totals["junk"] / entries,
        "places": totals["places"] / entries,
        "splits": totals["splits"] / (totals["actor_entries"] or 1),
        "one_entry": totals["people_once"] / (totals["people_found"] or 1),
    }, lines


def show(dossier: dict, part: str, labels: dict) -> None:
    """The top entries judged junk or split, for reading."""
    gold_story = {
        json.loads(line)["id"]: json.loads(line)["story"]
        for line in (REALNEWS / part / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    }
    by_source = {a["id"]: gold_story.get(Path(str(a["source"]).split("#")[0]).stem)
                 for a in dossier["articles"]}  # fmt: skip
    for story in dossier["stories"]:
        name = story_of(story, {k: v for k, v in by_source.items() if v})
        if name not in labels["stories"]:
            continue
        gold = labels["stories"][name]
        owners = {key(n): a["name"] for a in gold["actors"] for n in [a["name"], *a["aliases"]]}
        places = {key(n["name"]) for n in gold.get("not_actors", []) if n["kind"] == "place"}
        seen: Counter = Counter()
        for entry in story["actors"][:TOP]:
            names = [entry["name"], *entry.get("aliases", [])]
            owner = owners.get(key(entry["name"])) or next(
                (owners[key(n)] for n in names if key(n) in owners), None
            )
            seen[owner] += 1
            tag = (
                ("split" if seen[owner] > 1 else "")
                if owner
                else ("place" if any(key(n) in places for n in names) else "JUNK")
            )
            if tag:
                print(f"  {name}: {tag:<5} {entry['name']} {entry['type']} {names[1:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the inputs, store and dossier here")
    parser.add_argument("--show", action="store_true", help="print the junk and the splits")
    args = parser.parse_args(argv)
    if not (REALNEWS / "score.py").is_file():
        print(f"skipped: no real-coverage data at {REALNEWS}")
        return 0
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        dossier = json.loads(built("text", [REALNEWS / p for p in PARTS], work).read_text())
        for part in PARTS:
            labels = json.loads((LABELS / f"{part}.json").read_text(encoding="utf-8"))
            shares, lines = measures(dossier, part, labels)
            print(f"actors on {part} (top {TOP} per story, text only):")
            print("\n".join(lines))
            print("  " + "  ".join(f"{k} {v:.3f}" for k, v in shares.items()))
            if args.show:
                show(dossier, part, labels)
            status |= gate.check("actors", part, shares)
    return status


if __name__ == "__main__":
    sys.exit(main())
