"""End-to-end: inputs to store to exported dossier."""

import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest

import storyline
from storyline.model import Problem


def _dump(db: Path) -> list[str]:
    """The store's content, but for its build log (which grows with every build)."""
    conn = sqlite3.connect(db)
    try:
        return [
            line
            for line in conn.iterdump()
            if not line.startswith(('INSERT INTO "builds"', 'INSERT INTO "rejected"'))
        ]
    finally:
        conn.close()


def test_build_examples_gives_a_schema_valid_dossier(built_examples, schema):
    with storyline.load(built_examples) as corpus:
        dossier = corpus.dossier()
    jsonschema.validate(dossier.data, schema)
    articles = dossier.data["articles"]
    assert len(articles) == 8
    (story,) = dossier.data["stories"]
    assert sorted(story["articles"]) == sorted(a["id"] for a in articles)
    assert all(a["story"] == story["id"] for a in articles)
    by_source = {a["source"]: a for a in articles}
    assert by_source["wire-feed.jsonl#1"]["published"]["source"] == "metadata"
    assert by_source["geneva-round.html"]["published"]["date"] == "2024-04-22"
    assert by_source["geneva-round.html"]["author"]
    # It prints no date: the articles of its story that tell the same events are all of
    # 2024, so it is of 2024, at low confidence.
    estimate = by_source["ceasefire-deal.txt"]["published"]
    assert (estimate["date"], estimate["source"]) == ("2024", "story")
    assert estimate["confidence"] < 0.5
    # 'OSLO, March 10 (Wire) -' takes its year from the story's other articles.
    oslo = by_source["2024-03-10-oslo-talks-announced.txt"]["published"]
    assert (oslo["date"], oslo["source"]) == ("2024-03-10", "story")
    assert story["span"] == {"start": "2024-03-10", "end": "2024-04-22"}  # not the estimate


def test_build_examples_store_has_sentences_and_entities(built_examples):
    conn = sqlite3.connect(built_examples)
    per_article = conn.execute(
        "SELECT a.id, (SELECT count(*) FROM sentences s WHERE s.article_id = a.id), "
        "(SELECT count(*) FROM entities e WHERE e.article_id = a.id) FROM articles a"
    ).fetchall()
    conn.close()
    assert len(per_article) == 8
    assert all(sentences > 5 and entities > 5 for _, sentences, entities in per_article)


def test_build_examples_markdown_report(built_examples):
    with storyline.load(built_examples) as corpus:
        report = corpus.dossier().to_markdown()
    assert report.startswith("# Storyline dossier")
    assert "### Actors" in report and "### Quotes" in report and "### Figures" in report
    assert "Geneva talks open" in report


def test_build_twice_changes_nothing(tmp_path, examples_dir):
    db = tmp_path / "x.db"
    first = storyline.build([examples_dir], db=db)
    before = _dump(db)
    second = storyline.build([examples_dir], db=db)
    assert (first.built, second.built, second.unchanged) == (8, 0, 8)
    assert _dump(db) == before
    with storyline.load(db) as corpus:
        log = corpus.store.read.builds().items
    assert [(b["id"], b["built"], b["unchanged"]) for b in log] == [(2, 0, 8), (1, 8, 0)]
    steps = {s["step"]: s for s in log[1]["steps"]["article"]}
    assert steps["read"]["kept"] == 8 and steps["annotate"]["kept"] == 8
    assert [s["step"] for s in log[1]["steps"]["story"]][:2] == ["dating", "actors"]


def test_build_adds_new_articles_to_an_existing_store(tmp_path, examples_dir):
    db = tmp_path / "x.db"
    storyline.build([examples_dir / "ceasefire-deal.txt"], db=db)
    report = storyline.build([examples_dir], db=db)
    assert (report.built, report.unchanged) == (7, 1)
    with storyline.load(db) as corpus:
        (story,) = corpus.dossier().data["stories"]
    assert len(story["articles"]) == 8


def test_build_reports_bad_files_and_builds_the_good_one(tmp_path, schema):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        "Envoy meets delegations\n\nGENEVA (Wire) - The U.N. envoy met both delegations in "
        "Geneva on Monday, her spokesman said.",
        encoding="utf-8",
    )
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "broken.jsonl").write_text('{"text": "unterminated\n', encoding="utf-8")
    (inputs / "blank.html").write_text("<html><body></body></html>", encoding="utf-8")
    db = tmp_path / "x.db"
    report = storyline.build([inputs], db=db)
    assert report.built == 1
    reasons = {problem.source: problem.reason for problem in report.problems}
    assert set(reasons) == {"binary.txt", "empty.txt", "broken.jsonl#1", "blank.html"}
    assert reasons["binary.txt"].startswith("binary content")
    assert reasons["empty.txt"] == "empty file"
    assert reasons["broken.jsonl#1"].startswith("malformed JSON")
    with storyline.load(db) as corpus:
        data = corpus.dossier().data
    jsonschema.validate(data, schema)
    assert [a["source"] for a in data["articles"]] == ["good.txt"]


def test_build_with_nothing_good_builds_nothing(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    report = storyline.build([tmp_path], db=tmp_path / "x.db")
    assert report.nothing_built
    assert report.problems == [Problem("empty.txt", "empty file", "read")]


def test_build_a_failing_step_costs_one_article(tmp_path, monkeypatch):
    from storyline.pipeline import steps as article_steps
    from storyline.pipeline.base import Step

    def explode_on_second(article, options):
        if "second" in article.text:
            raise RuntimeError("boom")
        return article

    steps = (*article_steps.FINISH_STEPS, Step("explode", explode_on_second))
    monkeypatch.setattr(article_steps, "FINISH_STEPS", steps)
    (tmp_path / "a.txt").write_text("The first article.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The second article.", encoding="utf-8")
    report = storyline.build([tmp_path], db=tmp_path / "x.db")
    assert report.built == 1
    assert report.problems == [Problem("b.txt", "explode failed: boom", "explode")]
    assert report.steps["explode"].dropped == {"explode failed: boom": 1}


def test_build_seeds_end_to_end(tmp_path, seeds_dir, schema):
    db = tmp_path / "seeds.db"
    report = storyline.build([seeds_dir], db=db)
    assert (report.built, report.problems) == (5, [])
    with storyline.load(db) as corpus:
        data = corpus.dossier().data
    jsonschema.validate(data, schema)
    assert len(data["articles"]) == 5
    conn = sqlite3.connect(db)
    sentences = conn.execute(
        "SELECT count(DISTINCT article_id), count(*) FROM sentences"
    ).fetchone()
    people = {row[0] for row in conn.execute("SELECT text FROM entities WHERE label = 'PERSON'")}
    conn.close()
    assert sentences[0] == 5 and sentences[1] > 50
    assert {"John Kerry", "Bashar Assad"} <= people
    before = _dump(db)
    assert storyline.build([seeds_dir], db=db).built == 0
    assert _dump(db) == before


def test_schema_copy_matches_shared(shared_dir, schema):
    shared = json.loads((shared_dir / "dossier.schema.json").read_text(encoding="utf-8"))
    assert schema == shared, "tests/data/dossier.schema.json is out of date with ../shared"


@pytest.mark.parametrize("bad", ["nope.db"])
def test_load_without_store_is_a_clear_error(tmp_path, bad):
    with pytest.raises(storyline.api.StoreError, match="run `storyline build` first"):
        storyline.load(tmp_path / bad)


def test_build_links_the_syndicated_copy_and_counts_its_names_once(built_examples):
    with storyline.load(built_examples) as corpus:
        data = corpus.dossier().data
        by_source = {a["source"]: a for a in data["articles"]}
        assert (
            by_source["wire-feed.jsonl#3"]["duplicate_of"] == by_source["wire-feed.jsonl#1"]["id"]
        )
        assert [a for a in data["articles"] if a["duplicate_of"]] == [
            by_source["wire-feed.jsonl#3"]
        ]
        syndication = [r for r in by_source["wire-feed.jsonl#3"]["removed"]]
        assert any(r["reason"] == "syndication-footer" for r in syndication)


def test_build_seeds_boilerplate_is_removed_and_kept(tmp_path, seeds_dir):
    db = tmp_path / "seeds.db"
    storyline.build([seeds_dir], db=db)
    with storyline.load(db) as corpus:
        articles = corpus.dossier().data["articles"]
    text = "\n".join(a["text"] for a in articles)
    removed = "\n".join(r["text"] for a in articles for r in a["removed"])
    template = [
        "Leave a Reply",
        "You are commenting using your Google account",
        "Pingback",
        "Related News",
        "Comments 0",
        "بالعربية",
        "(AFP PHOTO / POOL / Christian Hartmann)",
        "appeared first on",
        "thoughts on",
    ]
    lines = set(text.split("\n"))
    for piece in template:
        assert piece in removed, piece
        assert not any(piece in line for line in lines if len(line) < 200), piece
    for article in articles:  # a title printed twice is kept once
        first, _, rest = article["text"].partition("\n")
        assert first not in rest
    assert "Kerry on Sunday led an international bid" in text
    assert "We don’t deal with terrorists" in text


def test_build_seeds_lose_no_story_sentence(tmp_path, seeds_dir):
    """Every sentence of running text in the seeds survives cleaning."""
    from storyline.pipeline.clean.boilerplate import line_key, split_lines
    from storyline.pipeline.normalize import normalize_text

    db = tmp_path / "seeds.db"
    storyline.build([seeds_dir], db=db)
    with storyline.load(db) as corpus:
        text = "\n".join(a["text"] for a in corpus.dossier().data["articles"])
    template = ("Pingback", "You are commenting", "Please log in", "Connecting to", "The post ")
    words = line_key(text)
    for path in sorted(seeds_dir.glob("*.txt")):
        for line in split_lines(normalize_text(path.read_text(encoding="utf-8"))):
            related = line.text.startswith(("KATHMANDU", "By Narayan", "Information for"))
            if line.body and not related and not line.text.startswith(template):
                assert line.key in words, line.text  # kept, or kept within a longer copy


def test_build_stores_normalized_dates_of_dated_articles_by_sentence(built_examples):
    from storyline.store import Store

    with Store.open(built_examples) as store:
        articles = {a.source: store.read.annotated(a) for a in store.read.articles()}
        dated = articles["wire-feed.jsonl#1"]  # published 2024-03-14 (metadata)
        timexes = dated.timexes
        sentences = dated.sentences
        assert timexes, "a dated article gets its temporal expressions"
        for t in timexes:
            assert dated.text[t.start : t.end] == t.text
            sentence = sentences[t.sentence]
            assert sentence.start <= t.start and t.end <= sentence.end
        # Undated: only expressions naming a month or year, read against the story's date.
        undated = articles["ceasefire-deal.txt"].timexes
        assert undated and all(t.value.startswith("2024") for t in undated)
        assert not any(t.text.lower() in {"sunday", "monday"} for t in undated)


def test_build_seeds_facts(tmp_path, seeds_dir, schema):
    """Issue 5's seed targets: every death toll, speakers, merged actors, no boilerplate actor."""
    db = tmp_path / "seeds.db"
    storyline.build([seeds_dir], db=db)
    with storyline.load(db) as corpus:
        data = corpus.dossier().data
    jsonschema.validate(data, schema)
    (story,) = data["stories"]
    tolls = {(f["value"], f["qualifier"]) for f in story["figures"] if f["metric"] == "killed"}
    assert {(80000, None), (130000, "more than"), (130000, "at least"), (260000, "more than"),
            (700, "at least"), (500, "estimated"), (25, None)} <= tolls  # fmt: skip
    actors = {a["name"]: a for a in story["actors"]}
    assert {"Assad", "Bashar Assad", "Bashar al-Assad"} <= set(actors["Bashar al-Assad"]["aliases"])
    assert "Foreign Minister" in actors["Sergei Lavrov"]["roles"]
    for name in (
        "John Kerry",
        "Frank-Walter Steinmeier",
        "Staffan de Mistura",
        "Lakhdar Brahimi",
        "Ahmad Jarba",
        "Marie Harf",
        "Mohammad Javad Zarif",
        "Syrian National Coalition",
    ):
        assert name in actors, name
    assert not any("Kathmandu" in a or "Modi" in a for a in actors)  # Nepal boilerplate
    speakers = {q["text"][:31]: q["speaker_name"] for q in story["quotes"]}
    assert speakers["I know that it is not an easy d"] == "Frank-Walter Steinmeier"  # 'he said'
    assert speakers["We want to work to convince the"] == "Frank-Walter Steinmeier"
    assert speakers["the need to meet"] == "Khawla Mattar"
    # Issue 15: Kerry's, whatever the nearest person named before 'he said'
    assert speakers["The first thing they can do is "] == "John Kerry"
    assert speakers["With respect to the Assad regim"] == "John Kerry"
    assert speakers["I am confident that he and othe"] == "John Kerry"
    assert speakers["We are in the second phase of o"] is None  # an official, unnamed
    kinds = {q["text"]: q["kind"] for q in story["quotes"]}
    assert kinds["milestone"] == "term" and kinds["confident"] == "term"
    report = tmp_path / "seeds.md"
    with storyline.load(db) as corpus:
        corpus.dossier().write(report, "markdown")
    said, terms = report.read_text(encoding="utf-8").split("### Terms in quotation marks")
    assert "“milestone”" in terms and "- “milestone”" not in said
    assert all(q["evidence"]["text"] for q in story["quotes"] + story["figures"])


def test_build_a_failing_story_step_fails_the_build_and_keeps_the_articles(
    tmp_path, monkeypatch, examples_dir
):
    from click.testing import CliRunner

    from storyline.cli import EXIT_HARD_ERROR, main
    from storyline.story import stage
    from storyline.story.base import StoryStep

    def broken(context):
        raise ValueError("no stories today")

    steps = (*stage.STORY_STEPS, StoryStep("broken", broken, frozenset(), frozenset()))
    monkeypatch.setattr(stage, "STORY_STEPS", steps)
    db = tmp_path / "x.db"
    report = storyline.build([examples_dir / "ceasefire-deal.txt"], db=db)
    assert report.built == 1 and len(report.failed) == 1
    (problem,) = report.problems
    assert problem.source.startswith("(story s") and problem.step == "broken"
    assert problem.reason == "failed: ValueError('no stories today')"
    assert "FAILED" in report.summary()
    result = CliRunner().invoke(main, ["build", str(examples_dir), "--db", str(db), "-q"])
    assert result.exit_code == EXIT_HARD_ERROR and "step broken" in result.output
    monkeypatch.undo()  # the next build places the articles the failed stage left out
    again = storyline.build([examples_dir], db=db)
    assert (again.unchanged, again.stories, again.problems, again.failed) == (8, 1, [], [])


def test_build_month_and_year_dates_reach_the_story_stage(tmp_path):
    """Addresses dated to the month, metadata dated to the year: the story stage completes."""
    feed = tmp_path / "feed.jsonl"
    body = "Negotiators for Marenia and the Marenian National Council met in Oslo again."
    records = [
        {"url": "https://news.example.org/2016/09/talks-resume", "text": f"Talks resume\n\n{body}"},
        {
            "url": "https://news.example.org/2016/09/25/talks",
            "text": f"Talks go on\n\n{body} Both.",
        },
        {"published": "2016", "text": f"Talks end\n\n{body} Both sides left."},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = storyline.build([feed], db=tmp_path / "x.db")
    assert (report.built, report.failed, report.problems) == (3, [], [])
    with storyline.load(tmp_path / "x.db") as corpus:
        (story,) = corpus.dossier().data["stories"]
    assert story["span"] == {"start": "2016", "end": "2016"}  # a year-dated member: any day of it


def test_build_keeps_stories_apart_and_adds_to_them_incrementally(
    tmp_path, examples_dir, seeds_dir
):
    db = tmp_path / "x.db"
    first = storyline.build([examples_dir], db=db)
    second = storyline.build([seeds_dir], db=db)
    assert (first.stories, second.stories) == (1, 1)  # the second build touched one story
    with storyline.load(db) as corpus:
        stories = corpus.dossier().data["stories"]
    assert sorted(len(s["articles"]) for s in stories) == [5, 8]


def test_build_seeds_timeline_targets(tmp_path, seeds_dir):
    db = tmp_path / "seeds.db"
    storyline.build([seeds_dir], db=db)
    with storyline.load(db) as corpus:
        (story,) = corpus.dossier().data["stories"]
    dates = {entry["date"] for entry in story["timeline"]}
    # Geneva communiqué, Friends of Syria in Paris. The seeds that print no date of their
    # own give no year to 'January 22' or 'December 18': the 2016 one is in a 2014 story.
    assert {"2012-06", "2014-01-12"} <= dates
    assert "2013-12-18" not in dates
    assert all(entry["sources"] for entry in story["timeline"])


def test_build_seeds_summary_is_sourced_and_sized(tmp_path, seeds_dir):
    db = tmp_path / "seeds.db"
    storyline.build([seeds_dir], db=db)
    with storyline.load(db) as corpus:
        (story,) = corpus.dossier().data["stories"]
    assert 3 <= len(story["summary"]) <= 15
    for item in story["summary"]:
        assert item["sources"] and all(s["text"] for s in item["sources"])
    texts = [item["text"] for item in story["summary"]]
    assert len(set(texts)) == len(texts)


def test_build_seeds_death_toll_drift(tmp_path, seeds_dir):
    db = tmp_path / "seeds.db"
    storyline.build([seeds_dir], db=db)
    with storyline.load(db) as corpus:
        (story,) = corpus.dossier().data["stories"]
    (killed,) = [s for s in story["figure_series"] if s["metric"] == "killed"]
    values = [p["value"] for p in killed["points"]]
    assert values.index(80000) < values.index(130000) < values.index(260000)


def test_build_story_counts_its_undated_articles(tmp_path):
    feed = tmp_path / "feed.jsonl"
    body = "Negotiators for Marenia and the Marenian National Council met in Oslo again."
    records = [
        {"published": "2016-09-20", "text": f"Talks resume\n\n{body}"},
        {"text": "Talks go on\n\nThe Marenian National Council walked out of the Oslo venue."},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    storyline.build([feed], db=tmp_path / "x.db")
    with storyline.load(tmp_path / "x.db") as corpus:
        dossier = corpus.dossier()
    (story,) = dossier.data["stories"]
    assert story["undated"] == 1 and story["span"] == {"start": "2016-09-20", "end": "2016-09-20"}
    assert "2 articles (1 undated)" in dossier.to_markdown()
