"""Actors: the entity mentions of a story merged into who is who, with aliases and roles.

Merging rules, in order, each conservative:
1. the same name once titles, particles and punctuation are set aside ("Bashar al-Assad",
   "Bashar Assad"; "Army of Islam", "Army al-Islam");
2. an acronym the text defines ("Syrian National Coalition (SNC)");
3. a shortened form that exactly one longer name of the same kind contains ("Assad" in
   "Bashar Assad", "National Coalition" in "Syrian National Coalition"); when two people
   share the surname, the surname alone stays apart: the text does not say which one.
Roles come from the title words before a name ("Russian Foreign Minister Sergei Lavrov":
Foreign Minister, Russian) and from an apposition after it ("Khawla Mattar, spokeswoman for
special envoy Staffan de Mistura").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.model import Actor, Mention
from storyline.story.base import StoryContext

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
_PARTICLES = {"al", "el", "the", "of", "de", "du", "bin", "ibn", "abu", "van", "von", "der"}
_TITLE_WORDS = (
    r"President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|"
    r"Defense Minister|Defence Minister|Interior Minister|Information Minister|Minister|"
    r"Secretary of State|Secretary-General|Secretary General|Secretary|Ambassador|Envoy|"
    r"Special Envoy|envoy|special envoy|spokesman|spokeswoman|spokesperson|leader|chief|"
    r"Chief|Chairman|chairman|head|General|Gen\.|Colonel|Col\.|King|Queen|Prince|Sheikh|"
    r"Senator|Sen\.|Rep\.|Governor|Mayor|negotiator|chief negotiator|commander|Commander|"
    r"Dr\.|Dr|Mr\.|Mrs\.|Ms\.|Judge|Justice|Pope|Ayatollah|Emir|Sultan|Chancellor"
)
_PREMODIFIER = re.compile(
    rf"(?P<aff>(?:[A-Z][\w.'’-]*\s+){{0,3}}?)(?P<role>(?:(?:{_TITLE_WORDS})\s+)+)$"
)
_APPOSITION = re.compile(
    rf"^,\s+(?:the\s+|a\s+|an\s+)?(?P<role>(?:[\w.'’-]+\s+){{0,3}}?(?:{_TITLE_WORDS})(?:\s+(?:for|of|to|at)\s+(?:[^,.;]|\.(?=\w)){{1,60}})?)\s*[,.;]"
)
# 'U.S. ambassador to Syria, Robert Ford': the role before the name, set off by a comma.
_PRE_APPOSITION = re.compile(
    rf"(?P<aff>[A-Z][\w.'’-]*\s+)?(?P<role>\b(?:{_TITLE_WORDS})\b"
    rf"(?:\s+(?:to|of|for)\s+(?:the\s+)?[A-Z][\w'’ -]{{1,40}}?)?),\s*$",
    re.IGNORECASE,
)
_ACRONYM = re.compile(
    r"(?P<full>[A-Z][\w’'-]+(?:\s+(?:(?:for|of|the|and|de|du|des|la|le)\s+)?[A-Z][\w’'-]+){1,6})"
    r"\s+\((?P<short>[A-Z]{2,6})\)"
)


@dataclass
class ActorGroup:
    """The mentions of one actor while they are being merged (mutable, within the step)."""

    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    mentions: int = 0
    articles: set[str] = field(default_factory=set)
    labels: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)  # how often each alias is used
    placed: int = 0  # mentions after a place preposition ('in Qadira', 'city of Qadira')
    personal: int = 0  # mentions after a title ('Mr Kim') or before a reporting verb
    sourcing: int = 0  # mentions as a news source ('told Reuters', '(AP)', 'AFP reported')

    @property
    def id(self) -> str:
        digest = hashlib.sha256(f"{self.type}:{self.name}".encode()).hexdigest()[:10]
        return f"a{digest}"

    def record(self) -> Actor:
        return Actor(
            id=self.id,
            name=self.name,
            type=self.type,
            aliases=tuple(sorted(self.aliases)),
            roles=tuple(self.roles),
            affiliation=self.affiliation,
            mentions=self.mentions,
            articles=tuple(sorted(self.articles)),
        )


def find_actors(context: StoryContext) -> dict[str, tuple[Actor, ...]]:
    """Story step: the story's actors, from the entity mentions of its original articles
    (the clean text only, so boilerplate never yields an actor)."""
    groups = build_actors((a.id, a.text, a.entities) for a in context.originals)
    return {"actors": tuple(group.record() for group in groups)}


def clean_name(text: str) -> str:
    """A mention's name without leading article, possessive or stray punctuation."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"^(?:nom de guerre|alias|aka)\s+(?=[A-Z])", "", text)
    # "Caldora’s National Electoral Commission": the body, not its country's possessive
    text = re.sub(r"^[A-Z][\w-]+[’']s\s+(?=[A-Z])", "", text)
    text = re.sub(r"[’']s$", "", text)
    return text.strip(' ,.;:"“”‘’()')


def name_key(name: str) -> str:
    """What stays when spelling is set aside: lower case, no accents, no particles."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"(?<=\b[A-Za-z])\.", "", ascii_name)  # 'U.S.' = 'US'

    words = re.findall(r"[a-z0-9]+", ascii_name.lower().replace("al-", "al ").replace("el-", "el "))
    return " ".join(w for w in words if w not in _PARTICLES)


def build_actors(articles: Iterable[tuple[str, str, Sequence[Mention]]]) -> list[ActorGroup]:
    """Actors of a story from (article id, clean text, entity mentions) triples."""
    by_key: dict[tuple[str, str], ActorGroup] = {}
    acronyms: dict[str, str] = {}
    adjectives: Counter = Counter()
    texts, ids = [], []
    for article_id, text, mentions in articles:
        texts.append(text)
        ids.append(article_id)
        for match in _ACRONYM.finditer(text):
            full = clean_name(match.group("full"))
            if _initials(full) == match.group("short"):
                acronyms[match.group("short")] = full
        local_surnames = _full_names_by_surname(mentions)
        furniture = not_the_story(text)
        for mention in mentions:
            if mention.label not in ACTOR_LABELS:
                continue
            if any(s <= mention.start < e for s, e in furniture):
                continue  # a photo credit, a byline, another story's teaser
            name = clean_name(mention.text + _hyphen_tail(text, mention.end))
            if mention.label == "PERSON":
                name = _HONORIFIC.sub("", name)
            if len(name) < 2 or not any(ch.isalpha() for ch in name):
                continue
            if mention.label == "EVENT":
                continue  # what happens ('Cold War'), not who acts
            if mention.label == "NORP" and name[-1:] != "s":
                adjectives[name] += 1  # 'Yemeni', 'American': a form of a group at most
                continue
            kind = _kind(mention.label)
            key = (kind, _key_of(kind, acronyms.get(name, name)))
            owner = local_surnames.get(key[1])
            if kind == "PERSON" and " " not in key[1] and owner:
                # 'Kallu' where this article names one Kallu: that one, even if the story
                # has two.
                key = (kind, owner)
            if not key[1]:
                continue
            actor = by_key.setdefault(key, ActorGroup(name=name, type=kind))
            actor.aliases.add(name)
            actor.forms[name] += 1
            actor.mentions += 1
            actor.articles.add(article_id)
            actor.labels[mention.label] += 1
            actor.placed += bool(
                _PLACE_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
            )
            actor.personal += bool(
                _TITLED.search(text[max(0, mention.start - 12) : mention.start])
                or _SPEAKS.match(text[mention.end : mention.end + 20])
            )
            actor.sourcing += bool(
                _SOURCE_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
                or _SOURCE_AFTER.match(text[mention.end : mention.end + 20])
            )
            _add_role(actor, text, mention)
    _adjectives_of_groups(by_key, adjectives)
    stated = [pair for text in texts for pair in stated_aliases(text)]
    actors = _not_persons(list(by_key.values()))
    actors = _merge_misspelled(actors)
    actors = _merge_short_forms(actors, acronyms)
    actors = _merge_mislabelled_surnames(actors)
    actors = _merge_same_name_across_kinds(actors)
    actors = _merge_stated_aliases(actors, stated)
    # Events are not actors ('Kim Summit'), nor outlets that only report ('told Reuters').
    actors = [a for a in actors if a.type != "EVENT" and a.sourcing * 2 <= a.mentions]
    count_surnames(actors, ((a, t) for a, t in zip(ids, texts, strict=True)))
    count_acronyms(actors, acronyms, texts)
    for actor in actors:
        # The fullest form; among equally full ones, the one the coverage uses most.
        actor.name = max(actor.aliases, key=lambda a: _name_preference(a, actor.forms[a]))
        if actor.type != "PERSON" and actor.labels:  # a person stays a person when mislabelled
            actor.type = actor.labels.most_common(1)[0][0]
        elif actor.type == "PERSON" and not actor.roles and actor.placed * 2 > actor.mentions:
            # 'in Qadira', 'around Qadira': a place the tagger took for a person
            actor.type = "GPE"
    return sorted(actors, key=lambda a: (-a.mentions, a.name))


_PARTICLE = r"(?:(?:de|da|del|la|van|von|al|el|bin|ibn)\s+|al-|el-)"
_PERSON_NAME = rf"[A-Z][\w.'’-]+(?:\s+{_PARTICLE}?[A-Z][\w.'’-]+){{1,3}}"
# Names on a page that are not of its story: who took the photo, who wrote the article,
# what another story is about. Each pattern marks the span to leave out.
_NOT_THE_STORY = [
    # '(Photo: Phoenix Diaz)', 'Photo credit: Jane Roe', 'Image copyright AFP'
    re.compile(r"\((?:photo|picture|image|video|credit)s?\b[^)\n]{0,80}\)", re.IGNORECASE),
    re.compile(
        r"\b(?:photo|picture|image|video)s?\s*(?:credit|copyright)?\s*:[^\n.]{0,60}", re.IGNORECASE
    ),
    # 'Mario Tama / Getty Images', 'Ariana Cubillos / AP', 'REUTERS/Jane Roe'
    re.compile(
        rf"{_PERSON_NAME}\s*/\s*(?:AP|AFP|Reuters|REUTERS|Getty Images|Getty|EPA|Xinhua|"
        rf"Bloomberg|Anadolu|Pool|POOL|dpa)\b"
        rf"|\b(?:AFP|REUTERS|Reuters|AP|EPA)(?:\s+(?:Photo|PHOTO|Images))?\s*/\s*{_PERSON_NAME}"
    ),
    # 'By Rob Quinn Posted …', 'by the BBC's Lyse Doucet', 'News reporter Jim Waterson'
    re.compile(rf"\bBy\s+{_PERSON_NAME}"),
    re.compile(rf"\bby\s+(?:the\s+)?[A-Z][\w.]*['’]s\s+{_PERSON_NAME}"),
    re.compile(
        rf"\b(?:reporter|correspondent|editor|writer|columnist|photographer|producer)\s+"
        rf"{_PERSON_NAME}(?=\s+(?:is|was|reports|reported|contributed|in)\b|[,.]|$)",
        re.MULTILINE,
    ),
    # A paragraph that is nothing but a name is a signature ('Lizzie Massey' over a live
    # page's entry, its 'BBC Live reporter' line removed as boilerplate), not the story.
    re.compile(rf"^[ \t]*{_PERSON_NAME}[ \t]*$", re.MULTILINE),
    # 'Read These Next What people are saying about …': the rest of the line is teasers
    re.compile(
        r"\b(?:Read These Next|Read Next|Related Stories|Related Articles|More from|Most Read|"
        r"Recommended|You may also like|Trending)\b[^\n]*",
        re.IGNORECASE,
    ),
]


def not_the_story(text: str) -> list[tuple[int, int]]:
    """Spans of a clean text whose names are not the story's: photo credits, bylines, an
    outlet's own reporter, teasers of other stories that cleaning left in."""
    return [m.span() for pattern in _NOT_THE_STORY for m in pattern.finditer(text)]


def _name_preference(alias: str, uses: int) -> tuple:
    """How good an alias is as the actor's name: the fullest, the most used, then as
    written with care (accents kept, capitals but not all of them: 'Iván Márquez' over
    'Ivan Marquez', 'Oslo' over 'OSLO' and 'oslo'), and last the text itself, so that the
    choice never depends on the order a set is iterated in."""
    letters = [ch for ch in alias if ch.isalpha()]
    accents = sum(1 for ch in letters if not ch.isascii())
    shouting = len(letters) > 4 and alias.isupper()
    plain = not any(mark in alias for mark in '"“”')  # 'Rodrigo "Timochenko" Londono'
    return (plain, len(alias.split()), uses, len(alias), alias[:1].isupper(), not shouting,
            accents, alias)  # fmt: skip


_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|near|around|outside|inside|across|towards|toward|city of|town of|"
    r"capital,?|from|besieged)\s+(?:the\s+)?(?:besieged\s+|northern\s+|southern\s+|"
    r"eastern\s+|western\s+)?$"
)


def _kind(label: str) -> str:
    """PERSON and ORG names are merged within their kind; places and groups likewise."""
    return {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}.get(label, label)


def _key_of(kind: str, name: str) -> str:
    key = name_key(name)
    return key[:-1] if kind == "NORP" and key.endswith("s") else key  # 'Marenians'


def _full_names_by_surname(mentions: Sequence[Mention]) -> dict[str, str]:
    """Surname -> full-name key, for surnames that exactly one full name of the article has."""
    owners: defaultdict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        if mention.label == "PERSON" and " " in (name := clean_name(mention.text)):
            key = name_key(name)  # written as two words at least: not 'Trump-Kim'
            owners[key.split()[-1]].add(key)
    return {surname: next(iter(keys)) for surname, keys in owners.items() if len(keys) == 1}


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.lower() not in _PARTICLES)


def _merge_short_forms(actors: list[ActorGroup], acronyms: dict[str, str]) -> list[ActorGroup]:
    """Fold a shortened form into the one longer name of its kind that contains it."""
    keys = {id(a): name_key(max(a.aliases, key=len)) for a in actors}
    merged: dict[int, ActorGroup] = {}
    # Longest first: "Ould Cheikh Ahmed" joins its full name before "Cheikh Ahmed" looks.
    for short in sorted(actors, key=lambda a: -len(keys[id(a)].split())):
        short_key = keys[id(short)]
        if short.type == "PERSON":
            words = short_key.split()
            containers = [
                a for a in actors
                if a is not short and a.type == "PERSON"
                and len(keys[id(a)].split()) > len(words)
                and (_same_words(keys[id(a)].split()[-len(words):], words)
                     or _without_middle(words, keys[id(a)].split()))
            ]  # fmt: skip
            if " " not in short_key:
                # 'Kim' where the story names Kim Jong Un: a family name written first (or
                # a first name used alone).
                containers += [
                    a for a in actors
                    if a is not short and a.type == "PERSON" and " " in keys[id(a)]
                    and keys[id(a)].split()[0] == short_key and a not in containers
                ]  # fmt: skip
            containers = _dominant(containers, merged)
        elif short.type in {"PLACE", "NORP"}:
            containers = []  # 'Geneva' is not 'Lake Geneva': places merge only by name
        else:
            containers = [
                a for a in actors
                if a is not short and a.type == short.type
                and len(keys[id(a)].split()) > len(short_key.split())
                and f" {short_key} " in f" {keys[id(a)]} "
                and (len(short_key.split()) >= 2 or short.type != "ORG"
                     or keys[id(a)].startswith(short_key + " "))
            ]  # fmt: skip
        targets = {id(_root(c, merged)) for c in containers}
        if len(targets) == 1:
            target = _root(containers[0], merged)
            _absorb(target, short)
            merged[id(short)] = target
    return [a for a in actors if id(a) not in merged]


# 'Rodrigo Londono, alias Timoleon “Timochenko” Jimenez', 'Timoleon Jimenez, known as
# Timochenko', 'Rodrigo Londono, better known by the nom de guerre Timochenko'.
_STATED_ALIAS = re.compile(
    rf"(?P<a>{_PERSON_NAME}),?\s+\(?(?:also\s+|better\s+)?(?:known\s+(?:as|by\s+(?:his|her|the)"
    r"\s+(?:alias|nom de guerre|nickname)),?|alias|aka|a\.k\.a\.|nom de guerre)\s+"
    r"(?P<b>[\"“‘]?[A-Z][\w.'’-]+[\"”’]?(?:\s+[\"“‘]?[A-Z][\w.'’-]+[\"”’]?){0,3})"
)
_MARKS = '"“”‘’'


def stated_aliases(text: str) -> list[tuple[str, str]]:
    """(name, other name of the same person) that the text states: the name after 'alias',
    'known as', 'nom de guerre', and a nickname in quotation marks inside it."""
    pairs = []
    for match in _STATED_ALIAS.finditer(text):
        words = match.group("b").split()
        quoted = [w.strip(_MARKS) for w in words if w[0] in _MARKS or w[-1] in _MARKS]
        plain = " ".join(w for w in words if w.strip(_MARKS) not in quoted)
        for other in (plain, *quoted):
            if other:
                pairs.append((match.group("a"), other.rstrip(".,")))
    return pairs


def _merge_stated_aliases(
    actors: list[ActorGroup], pairs: list[tuple[str, str]]
) -> list[ActorGroup]:
    """The actors a text says are one ('X, alias Y') become one, the more named taking the
    other in."""
    by_alias: dict[str, ActorGroup] = {}
    for actor in actors:
        for alias in actor.aliases:
            by_alias.setdefault(name_key(alias), actor)
    merged: dict[int, ActorGroup] = {}
    for first, second in pairs:
        a, b = by_alias.get(name_key(first)), by_alias.get(name_key(second))
        if a is None or b is None:
            continue
        a, b = _root(a, merged), _root(b, merged)
        if a is b or "PERSON" not in {a.type, b.type}:
            continue
        main, other = (
            (a, b)
            if (a.type == "PERSON", a.mentions) >= (b.type == "PERSON", b.mentions)
            else (b, a)
        )
        _absorb(main, other)
        merged[id(other)] = main
    return [a for a in actors if id(a) not in merged]


def _adjectives_of_groups(by_key: dict[tuple[str, str], ActorGroup], adjectives: Counter) -> None:
    """'Marenian' where the story's actors include the Marenians: a form of that group's
    name. An adjective with no such group ('Yemeni', 'American') is no actor."""
    for name, uses in adjectives.items():
        group = by_key.get(("NORP", _key_of("NORP", name + "s")))
        if group is not None:
            group.aliases.add(name)
            group.forms[name] += uses


DOMINANT = 3  # a name this many times as frequent as all the others sharing a surname


def _dominant(containers: list[ActorGroup], merged: dict[int, ActorGroup]) -> list[ActorGroup]:
    """The full names a surname alone may stand for: all of them, or, when one of them is
    named `DOMINANT` times as often as the others together, that one. 'Trump' in a story
    of Donald Trump (51 mentions) that names Ivanka Trump (8) is Donald Trump; 'Kim' with
    Kim Jong Un twice and Kim Yo Jong once stays unresolved."""
    roots = {id(r): r for r in (_root(c, merged) for c in containers)}
    if len(roots) < 2:
        return containers
    ranked = sorted(roots.values(), key=lambda a: -a.mentions)
    rest = sum(a.mentions for a in ranked[1:])
    return [ranked[0]] if ranked[0].mentions >= DOMINANT * rest else containers


def _same_words(these: Sequence[str], those: Sequence[str]) -> bool:
    """Name words that are the same, or one letter apart in a word of five letters or
    more ('Kullman Five', 'Kullmann Five'): a typo, not another person."""
    return len(these) == len(those) and all(
        _near_word(a, b, 5) for a, b in zip(these, those, strict=True)
    )


def _near_word(a: str, b: str, shortest: int) -> bool:
    """The same word, or one letter apart when both have `shortest` letters or more."""
    return a == b or (min(len(a), len(b)) >= shortest and _one_edit(a, b))


def _without_middle(short: list[str], full: list[str]) -> bool:
    """'Juan Santos' of 'Juan Manuel Santos': the first and last names, the middle left out."""
    return len(short) == 2 and len(full) > 2 and short == [full[0], full[-1]]


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by changing, adding or dropping one letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _merge_misspelled(actors: list[ActorGroup]) -> list[ActorGroup]:
    """Two full names of a person that differ by a typo in one word ('Kim Jung Un', 'Kim
    Jong Un'): the less used joins the more used. Names of three words or more may differ
    in a word of four letters; two-word names only in a longer word (John and Joan Smith
    are two people). Only names that share their last word are compared."""
    people = [a for a in actors if a.type == "PERSON" and " " in name_key(a.name)]
    by_last: defaultdict[str, list[ActorGroup]] = defaultdict(list)
    for person in sorted(people, key=lambda a: (-a.mentions, a.name)):
        by_last[name_key(person.name).split()[-1]].append(person)
    gone: set[int] = set()
    for group in by_last.values():
        for i, main in enumerate(group):
            if id(main) in gone:
                continue
            words = name_key(main.name).split()
            for other in group[i + 1 :]:
                if id(other) not in gone and _typo_of(words, name_key(other.name).split()):
                    _absorb(main, other)
                    gone.add(id(other))
    return [a for a in actors if id(a) not in gone]


def _typo_of(these: list[str], those: list[str]) -> bool:
    if len(these) != len(those) or these == those:
        return False
    differing = [(a, b) for a, b in zip(these, those, strict=True) if a != b]
    shortest = 4 if len(these) >= 3 else 5
    return len(differing) == 1 and _near_word(*differing[0], shortest)


# Last words that make a name a thing, not a person: 'Kim Summit', 'Trump administration'.
_EVENT_WORDS = {"summit", "talks", "meeting", "deal", "agreement", "accord", "ceasefire",
                "referendum", "conference", "negotiations", "treaty", "declaration",
                "vote"}  # fmt: skip
_BODY_WORDS = {"administration", "government", "regime", "cabinet", "camp", "party"}


def _not_persons(actors: list[ActorGroup]) -> list[ActorGroup]:
    """Names the tagger took for people that the story shows are not: a summit or a body
    named after someone ('Kim Summit', 'Trump administration'), which become an event or an
    organisation, and the two leaders' names hyphened ('Trump-Kim', of 'the Trump-Kim
    summit'), which name no one."""
    parts: set[str] = set()
    for actor in actors:
        words = name_key(actor.name).split()
        if actor.type == "PERSON" and len(words) > 1:
            parts.update((words[0], words[-1]))
    kept = []
    for actor in actors:
        words = name_key(actor.name).split()
        if actor.type != "PERSON" or not words:
            kept.append(actor)
            continue
        if len(words) > 1 and words[-1] in _EVENT_WORDS | _BODY_WORDS:
            actor.type = "EVENT" if words[-1] in _EVENT_WORDS else "ORG"
            actor.labels = Counter({actor.type: actor.mentions})
        elif all(_HYPHENED.fullmatch(alias) for alias in actor.aliases) and set(words) <= parts:
            continue
        kept.append(actor)
    return kept


_HYPHENED = re.compile(r"[A-Z][\w’']+-[A-Z][\w’']+")


def _hyphen_tail(text: str, end: int) -> str:
    """The hyphened syllable the tagger cut off a name: 'Moon Jae' of 'Moon Jae-in'."""
    tail = _HYPHEN_TAIL.match(text, end)
    return tail.group(0) if tail else ""


_HYPHEN_TAIL = re.compile(r"-[a-z]{1,3}\b")
_HONORIFIC = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Mx|Mullah|Sheikh|Imam|Ayatollah)\.?\s+(?=[A-Z])"
)
_TITLED = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|President|Minister|Secretary|Chancellor|Senator)"
    r"\.?\s+$"
)
_SOURCE_BEFORE = re.compile(
    r"(?:\btold|\btells|\bnews agency|\bwire service|\baccording to|\bspoke to|[(\[])"
    r"\s*(?:the\s+|an?\s+)?$"
)
_SOURCE_AFTER = re.compile(
    r"^(?:\s+(?:reported|reports|news agency|wire service|correspondents?|journalists?|"
    r"reporters?|photographers?|witness|poll|tally|calculations|interview)\b|\s*[)\]/])"
)
_SPEAKS = re.compile(r"^\s+(?:said|says|told|added|tweeted|wrote|announced)\b")


def _merge_same_name_across_kinds(actors: list[ActorGroup]) -> list[ActorGroup]:
    """'Oslo' tagged GPE here and ORG there is one name: it joins the kind most of its
    mentions have. A person is left alone (a person and a place may share a name) unless
    the tagger's PERSON is a lone word with no title that the story uses at least as often
    as a place, group or body ('Greece' once a person, ten times a country; 'Greeks'), or
    that nothing shows to be a person: never titled, never the subject of 'said', and the
    first or last word of no full name ('Brexit', a person 75 times, a place 9 times)."""
    by_key: dict[str, list[ActorGroup]] = defaultdict(list)
    name_parts: set[str] = set()  # the first and last words of the story's full names
    for actor in actors:
        if actor.type != "PERSON":
            by_key[name_key(actor.name)].append(actor)
        elif " " in (key := name_key(actor.name)):
            name_parts.update((key.split()[0], key.split()[-1]))
    kept = []
    for actor in actors:
        if actor.type != "PERSON":
            continue
        key = name_key(actor.name)
        others = by_key.get(key) or by_key.get(key[:-1] if key.endswith("s") else "") or []
        other = max(others, key=lambda a: a.mentions, default=None)
        lone = " " not in key and not actor.roles
        # ('chief Brexit negotiator' gives no role to 'Brexit': a title is no proof)
        unproven = " " not in key and not actor.personal and key not in name_parts
        if other is not None and ((lone and other.mentions >= actor.mentions) or unproven):
            # 'Brexit', tagged PERSON 75 times and a place 9 times, never titled, never
            # saying anything and no one's name: not a person.
            _absorb(other, actor)
            other.labels.pop("PERSON", None)
            continue
        kept.append(actor)
    for group in by_key.values():
        main = max(group, key=lambda a: a.mentions)
        for other in group:
            if other is not main:
                _absorb(main, other)
        kept.append(main)
    return kept


def _merge_mislabelled_surnames(actors: list[ActorGroup]) -> list[ActorGroup]:
    """A one-word name the tagger labelled ORG or NORP that is the surname of exactly one
    person of the story ('Harf' tagged ORG, 'Marie Harf' a PERSON) is that person."""
    surnames: defaultdict[str, list[ActorGroup]] = defaultdict(list)
    for actor in actors:
        if actor.type == "PERSON":
            for alias in actor.aliases:
                key = name_key(alias)
                if key:
                    surnames[key.split()[-1]].append(actor)
    full_names = {
        name_key(a.name): a for a in actors if a.type == "PERSON" and " " in name_key(a.name)
    }
    kept = []
    for actor in actors:
        key = name_key(actor.name)
        owners = {id(a): a for a in _dominant(surnames.get(key, []), {})}
        one_word = " " not in key
        rare_place = actor.type != "PLACE" or actor.mentions <= 2
        owner = next(iter(owners.values())) if len(owners) == 1 else None
        # A lone word tagged PERSON less often than this is no one's surname: 'Greeks'.
        named = owner is not None and (
            " " in name_key(owner.name) or (owner.mentions > actor.mentions and owner.personal)
        )
        if owner and actor.type in {"ORG", "NORP", "PLACE"} and one_word and named and rare_place:
            _absorb(owner, actor)
            continue
        leading = next((p for k, p in full_names.items() if key.startswith(k + " ")), None)
        if actor.type != "PERSON" and leading is not None:
            # 'Sophie Marchand of Frontline Medics' tagged as one ORG: a person, not a name.
            _absorb(leading, actor, with_aliases=False)
            continue
        if actor.type != "PERSON" and key in full_names:
            _absorb(full_names[key], actor)  # 'Helena Marchetti' tagged ORG once
            continue
        tail_of = [p for k, p in full_names.items() if " " in key and k.endswith(" " + key)]
        if actor.type != "PERSON" and len(tail_of) == 1:
            _absorb(tail_of[0], actor)  # 'De la Calle' tagged ORG: Humberto de la Calle
            continue
        person = next((p for k, p in full_names.items() if key.endswith(" " + k)), None)
        if actor.type != "PERSON" and person is not None:
            # 'Syria Staffan de Mistura' tagged ORG: a name run into the word before it.
            _absorb(person, actor, with_aliases=False)
            continue
        kept.append(actor)
    return kept


def count_acronyms(
    actors: Sequence[ActorGroup], acronyms: dict[str, str], texts: Sequence[str]
) -> None:
    """An acronym the text defines is an alias of the organisation it stands for, even
    where the tagger did not mark it."""
    for short, full in acronyms.items():
        owner = next((a for a in actors if full in a.aliases), None)
        if owner is None or short in owner.aliases:
            continue
        found = sum(len(re.findall(rf"\b{re.escape(short)}\b", text)) for text in texts)
        if found:
            owner.aliases.add(short)
            owner.mentions += found


def count_surnames(actors: Sequence[ActorGroup], texts: Iterable[tuple[str, str]]) -> None:
    """Mentions of a person by surname alone that the tagger missed ('Jarba was upbeat'),
    when no other person of the story has that surname. Each text is checked only for the
    surnames among its own words, so a story with many people costs no more per article."""
    owners: defaultdict[str, list[ActorGroup]] = defaultdict(list)
    for actor in actors:
        parts = actor.name.split()
        if actor.type == "PERSON" and len(parts) > 1 and len(parts[-1]) >= 4:
            owners[parts[-1]].append(actor)
    single = {surname: people[0] for surname, people in owners.items() if len(people) == 1}
    # A surname of word characters and hyphens can only match a whole run of them.
    plain = {surname for surname in single if _WORD_RUN.fullmatch(surname)}
    odd = [surname for surname in single if surname not in plain]
    for article_id, text in texts:
        present = plain.intersection(_WORD_RUN.findall(text))
        present.update(surname for surname in odd if surname in text)
        for surname in present:
            person = single[surname]
            if surname in person.aliases:
                continue
            longer = sorted(
                (a for a in person.aliases if len(a) > len(surname)), key=len, reverse=True
            )
            rest = re.sub("|".join(map(re.escape, longer)), " ", text) if longer else text
            found = len(re.findall(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", rest))
            if found:
                person.aliases.add(surname)
                person.mentions += found
                person.articles.add(article_id)


_WORD_RUN = re.compile(r"[\w-]+")


def _root(actor: ActorGroup, merged: dict[int, ActorGroup]) -> ActorGroup:
    while id(actor) in merged:
        actor = merged[id(actor)]
    return actor


def _absorb(target: ActorGroup, other: ActorGroup, with_aliases: bool = True) -> None:
    if with_aliases:
        target.aliases |= other.aliases
    target.mentions += other.mentions
    target.articles |= other.articles
    target.labels.update(other.labels)
    target.forms.update(other.forms)
    target.placed += other.placed
    target.personal += other.personal
    target.sourcing += other.sourcing
    for role in other.roles:
        if role not in target.roles:
            target.roles.append(role)
    target.affiliation = target.affiliation or other.affiliation


def _add_role(actor: ActorGroup, text: str, mention: Mention) -> None:
    if mention.label != "PERSON":
        return
    before = text[max(0, mention.start - 80) : mention.start]
    match = _PREMODIFIER.search(before) or _PRE_APPOSITION.search(before)
    if match:
        role = " ".join(match.group("role").split())
        affiliation = " ".join((match.group("aff") or "").split()) or None
        _note_role(actor, role, affiliation)
    after = _APPOSITION.match(text[mention.end : mention.end + 120])
    if after:
        _note_role(actor, " ".join(after.group("role").split()), None)


# A portfolio or a rank before a title is part of the role ('Finance Minister', 'Foreign
# Secretary', 'Special envoy'), not the affiliation.
_PORTFOLIO = {"foreign", "finance", "interior", "defence", "defense", "health",
              "justice", "home", "trade", "economy", "brexit", "prime", "deputy", "vice",
              "former", "special", "chief", "senior", "top", "acting", "interim"}  # fmt: skip
# An affiliation is a name or its adjective: not a word that opens a clause or a sentence.
_NOT_AFFILIATION = {"while", "and", "but", "as", "after", "when", "its", "his", "her",
                    "their", "the", "a", "an", "with", "for", "of", "by", "on", "in"}  # fmt: skip


def _clean_affiliation(role: str, affiliation: str | None) -> tuple[str, str | None]:
    """(role, affiliation) with portfolio words moved into the role ('Greek Finance' +
    'Minister' -> 'Finance Minister' of 'Greek'), and no affiliation that is not a name
    ('its', 'While Brexit', 'UK Parliament. Former', a photographer's capitals)."""
    words = (affiliation or "").split()
    while words and words[-1].lower() in _PORTFOLIO:
        role = f"{words.pop()} {role}"
    if words and words[-1].endswith(".") and len(words[-1].strip(".")) > 3:
        return role, None  # 'UK Parliament. Former Prime Minister': the sentence before
    text = " ".join(words).removesuffix("’s").removesuffix("'s").strip(" ,")
    if (
        not text
        or not text[0].isupper()
        or words[0].lower() in _NOT_AFFILIATION
        or re.search(r"[.;:]\s", text)
        or (len(words) > 1 and text.isupper() and len(text) > 6)
    ):
        return role, None
    return role, text


def _role_key(role: str) -> str:
    return role.lower().replace("-", " ")


def _note_role(actor: ActorGroup, role: str, affiliation: str | None) -> None:
    """Keep a role once per meaning: 'envoy' and 'special envoy' are one (the fuller is
    kept), 'Secretary-General' and 'Secretary General' too."""
    if role.lower() in {"mr.", "mrs.", "ms.", "dr.", "dr"}:
        return
    role, affiliation = _clean_affiliation(role, affiliation)
    key = _role_key(role)
    for i, known in enumerate(actor.roles):
        known_key = _role_key(known)
        if key == known_key or f" {key}" in f" {known_key}":
            break  # the same, or said more fully already
        if key.startswith(known_key + " ") or key.endswith(" " + known_key):
            actor.roles[i] = role  # the fuller form of the same role
            break
    else:
        actor.roles.append(role)
    if affiliation and not actor.affiliation:
        actor.affiliation = affiliation


def alias_index(actors: Sequence[Actor]) -> dict[str, Actor]:
    """Every alias (and its name key) to its actor, for aliases only one actor has: how a
    speaker or an event's subject as written is found among the story's actors. In the
    order of the actors and their (sorted) aliases, which the events step relies on."""
    index: dict[str, Actor] = {}
    counts: defaultdict[str, int] = defaultdict(int)
    for actor in actors:
        for alias in actor.aliases:
            for key in {alias, name_key(alias)}:
                counts[key] += 1
                index[key] = actor
    return {k: v for k, v in index.items() if counts[k] == 1}
