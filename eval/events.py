"""Events (who did what to whom, PLOVER-typed) against eval/data/events/dev.jsonl.

The gold events label the 24 articles of the facts dev set. Each story is built into its own
store; an extracted event is right when its sentence contains a gold event's sentence (the gold
leaves datelines out), its action
is the gold action and its actor is the gold actor (an alias of it). Prints precision per
type (the issue's measure: precision before recall) and overall precision and recall.

    python eval/events.py [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import gate
from facts import alias_keys, load_stories, run_story

from storyline.story.actors import name_key

EVENTS = Path(__file__).parent / "data" / "events" / "dev.jsonl"


def _same_actor(gold: str | None, said: str | None, aliases: dict[str, set[str]]) -> bool:
    if gold is None or said is None:
        return gold is None and said is None
    return bool(aliases.get(gold, {name_key(gold)}) & {name_key(said)})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    if not EVENTS.is_file():
        print(f"no events dev set at {EVENTS}", file=sys.stderr)
        return 1
    gold = {json.loads(line)["id"]: json.loads(line)["events"]
            for line in EVENTS.read_text(encoding="utf-8").splitlines() if line}  # fmt: skip
    stories = load_stories()
    predicted_by_type, right_by_type = Counter(), Counter()
    gold_total = found = 0
    with tempfile.TemporaryDirectory() as tmp:
        for members in stories.values():
            story, to_record = run_story(members, Path(tmp))
            names = {a["id"]: a for a in story["actors"]}
            for record in members:
                aliases = alias_keys(record)
                expected = list(gold.get(record["id"], []))
                gold_total += len(expected)
                for event in story["events"]:
                    if to_record[event["evidence"]["article"]] != record["id"]:
                        continue
                    predicted_by_type[event["action"]] += 1
                    said = names[event["actor"]]["name"] if event["actor"] in names else None
                    sentence = " ".join(event["evidence"]["text"].split())
                    # The gold sentences leave datelines out ('GENEVA — '): containment.
                    match = next((g for g in expected if " ".join(g["sentence"].split()) in sentence
                                  and g["action"] == event["action"]
                                  and _same_actor(g["actor"], said, aliases)), None)  # fmt: skip
                    if match is None:
                        if args.errors:
                            print(
                                f"{record['id']}: wrong {event['action']} {said} | {sentence[:90]}"
                            )
                        continue
                    expected.remove(match)
                    right_by_type[event["action"]] += 1
                    found += 1
                if args.errors:
                    for g in expected:
                        print(
                            f"{record['id']}: missed {g['action']} {g['actor']} | {g['sentence'][:90]}"
                        )
    predicted = sum(predicted_by_type.values())
    precision = found / predicted if predicted else 0.0
    recall = found / gold_total if gold_total else 0.0
    print(f"events: {gold_total} gold, {predicted} extracted, {found} right")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    for kind in sorted(predicted_by_type):
        print(
            f"  {kind:<10} {right_by_type[kind]:>3}/{predicted_by_type[kind]:<3} "
            f"precision {right_by_type[kind] / predicted_by_type[kind]:.2f}"
        )
    return gate.check("events", None, {"precision": precision, "recall": recall})


if __name__ == "__main__":
    sys.exit(main())
