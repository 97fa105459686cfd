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
