"""Story clustering: names decide which story an article joins."""

from articles import text_article

from storyline.model import Article, Mention, Published
from storyline.story.cluster import NameIndex, Profile, article_terms, assign

TALKS = (
    "Delegations met in the lakeside hotel for a second round of ceasefire talks. "
    "The mediator urged both delegations to agree on humanitarian corridors and prisoner "
    "exchanges before the winter. Negotiators described the atmosphere as tense but "
    "constructive, and said the next round would follow within weeks. Aid convoys waited "
    "at the crossing while the talks went on, and relief agencies warned that shelling "
    "around the besieged districts had cut water and power to thousands of families. "
    "Diplomats expected a framework agreement on local truces, monitored by observers, "
    "and a timetable for elections, but the armed factions insisted on guarantees first."
)


def _article(article_id: str, names: list[tuple[str, str]], day: str = "2020-03-02") -> Article:
    """An article with the shared wording above and the given (name, label) mentions."""
    text = " ".join(name for name, _ in names) + ". " + TALKS
    mentions, offset = [], 0
    for name, label in names:
        mentions.append(Mention(offset, offset + len(name), name, label, 0))
        offset += len(name) + 1
    published = Published(day, "metadata", 1.0)
    return text_article(article_id, text, entities=tuple(mentions), published=published)


MARENIA = [("Marenia", "GPE"), ("Tomas Halas", "PERSON"), ("Qadira", "GPE")]
VOSTRA = [("Vostra", "GPE"), ("Elena Dorn", "PERSON"), ("Port Selim", "GPE")]


def test_same_words_other_names_is_another_story():
    profiles, membership = [], {}
    stories = assign([_article("a1", MARENIA), _article("b1", VOSTRA)], profiles, membership)
    assert stories["a1"] != stories["b1"]
    assert len(profiles) == 2


def test_same_names_join_the_same_story():
    profiles, membership = [], {}
    articles = [_article("a1", MARENIA), _article("a2", MARENIA[:2], "2020-03-09")]
    stories = assign(articles, profiles, membership)
    assert stories["a1"] == stories["a2"]
    # and a later build adds to the stored profiles
    later = assign([_article("a3", MARENIA, "2020-03-20")], profiles, membership)
    assert later["a3"] == stories["a1"]


def test_far_apart_in_time_only_the_same_cast_is_the_same_story():
    """A year later, the same names are the same story (a process that resumes); an article
    sharing only one of its names is another story."""
    profiles, membership = [], {}
    resumed = assign(
        [_article("a1", MARENIA), _article("a2", MARENIA, "2021-06-01")], profiles, membership
    )
    assert resumed["a1"] == resumed["a2"]
    profiles, membership = [], {}
    other = [("Marenia", "GPE"), ("Ines Varga", "PERSON"), ("Lake Oru", "LOC"), ("Tivat", "GPE")]
    apart = assign(
        [_article("a1", MARENIA), _article("b1", other, "2021-06-01")], profiles, membership
    )
    assert apart["a1"] != apart["b1"]


def test_a_story_opened_too_early_is_merged_into_the_story_it_tells():
    """Articles are placed one by one: the first of a story may open its own, and the ones
    after it another, when they share too few names with it; this build's stories that
    turn out to tell one story become one."""
    profiles, membership = [], {}
    first = _article("a1", [("Marenia", "GPE"), ("Tomas Halas", "PERSON")], "2020-03-01")
    rest = [
        _article(f"a{i}", [*MARENIA, ("Lena Pohl", "PERSON")], "2020-03-0" + str(i)) for i in (2, 3)
    ]
    stories = assign([first, *rest], profiles, membership)
    assert len(set(stories.values())) == 1 and len(profiles) == 1
    assert profiles[0].size == 3


def test_an_article_without_names_still_finds_its_story_by_words():
    profiles, membership = [], {}
    stories = assign([_article("a1", MARENIA), _article("n1", [])], profiles, membership)
    assert stories["n1"] == stories["a1"]


def test_name_index_offers_only_stories_sharing_a_name_or_naming_no_one():
    named = Profile("s1")
    named.add(article_terms(_article("a1", MARENIA)), "2020-03-02")
    other = Profile("s2")
    other.add(article_terms(_article("b1", VOSTRA)), "2020-03-02")
    nameless = Profile("s3")
    nameless.add(article_terms(_article("n1", [])), "2020-03-02")
    index = NameIndex([named, other, nameless])
    assert index.candidates({"n:tomas halas": 3.0}) == {"s1", "s3"}
    assert index.candidates({"n:nobody": 3.0}) == {"s3"}


def test_ties_go_to_the_story_opened_first():
    first, second = Profile("s-first"), Profile("s-second")
    for profile in (first, second):
        profile.add(article_terms(_article("x", MARENIA)), "2020-03-02")
    membership: dict[str, str] = {}
    stories = assign([_article("a9", MARENIA)], [first, second], membership)
    assert stories["a9"] == "s-first"


def test_one_shared_name_among_many_others_is_not_enough():
    un = [("United Nations", "ORG")]
    profiles, membership = [], {}
    stories = assign(
        [_article("a1", MARENIA + un), _article("b1", VOSTRA + un)], profiles, membership
    )
    assert stories["a1"] != stories["b1"]


def _weighted(article_id: str, names: list[tuple[str, str, int]], day: str) -> Article:
    """An article naming each (name, label) the given number of times."""
    return _article(
        article_id, [(n, label) for n, label, times in names for _ in range(times)], day
    )


def test_an_article_that_no_longer_fits_its_story_moves_to_the_one_it_tells():
    """The first article of a story (Kiro Tan's) joins a neighbouring story through the
    names they share, before that story's own articles (Omar Sidi's) outnumber them; its
    own story opens months later. Once the stories are grown it moves to its own, past the
    time gap, since its names are that story's; the neighbour's first article stays."""
    profiles, membership = [], {}
    first = _weighted(
        "x", [("Ardena", "GPE", 3), ("Pol Vance", "PERSON", 3), ("Kiro Tan", "PERSON", 1),
              ("Lee Sun", "PERSON", 1)], "2020-01-10")  # fmt: skip
    neighbour = [
        _weighted("t1", [("Ardena", "GPE", 3), ("Pol Vance", "PERSON", 3),
                         ("Omar Sidi", "PERSON", 1)], "2020-02-01"),
        _weighted("t2", [("Ardena", "GPE", 1), ("Pol Vance", "PERSON", 2),
                         ("Omar Sidi", "PERSON", 3), ("Kandor", "GPE", 2)], "2020-02-10"),
        _weighted("t3", [("Pol Vance", "PERSON", 1), ("Omar Sidi", "PERSON", 3),
                         ("Kandor", "GPE", 3), ("Zal Khan", "PERSON", 2)], "2020-02-20"),
    ] + [
        _weighted(f"t{i}", [("Omar Sidi", "PERSON", 3), ("Kandor", "GPE", 3),
                            ("Zal Khan", "PERSON", 3)], f"2020-03-0{i}")
        for i in range(4, 8)
    ]  # fmt: skip
    own = [
        _weighted(f"k{i}", [("Kiro Tan", "PERSON", 3), ("Lee Sun", "PERSON", 3),
                            ("Pyon", "GPE", 2), ("Ardena", "GPE", 1)], f"2020-09-0{i}")
        for i in (1, 2, 3)
    ]  # fmt: skip
    stories = assign([first, *neighbour, *own], profiles, membership)
    assert stories["x"] == stories["k1"] == stories["k3"]
    assert stories["t1"] == stories["t7"] != stories["x"]
    sizes = sorted(p.size for p in profiles)
    assert sizes == [4, 7]
