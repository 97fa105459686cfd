"""Direct quotations and who said them.

Quotes are found by their marks: curly “…” or straight "…", a paragraph that opens a quote
without closing it continuing into the next paragraph (the wire convention), and partial
quotes inside a sentence. The speaker comes from the reporting frame around the quote, in
the order reporters write it: `“…,” X said`, `“…,” said X`, `X said: “…”`, `X told
Reuters: “…”`, `according to X`; a pronoun speaker (`he said`) is the last person named as a
speaker or subject before it. No frame, no speaker: a quote is never guessed onto someone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Antecedent, Article, FoundQuote, Mention, Sentence
from storyline.options import Options

_OPEN = '“"«„'
_CLOSE = '”"»“'
_SPEECH = (
    r"said|says|say|told|tells|added|adds|stated|declared|noted|warned|insisted|explained|"
    r"asked|argued|replied|wrote|tweeted|announced|acknowledged|stressed|urged|cautioned|"
    r"continued|went on|recalled|complained|vowed|pledged|promised|suggested|conceded|"
    r"saying|calling|describing|called|described|appealed|appeals|appealing|rejected|"
    r"dismissed|denounced|condemned|labelled|labeled|branded|commented|commenting|remarked|"
    r"responded|reiterated|emphasised|emphasized|admitted|predicted|apologised|apologized|"
    r"asserted|hailed|characterized|characterised|communicated|telling|adding|noting|"
    r"warning|insisting|arguing|stressing|explaining"
)
_DETERMINERS = {"Its", "The", "His", "Her", "Their", "Our", "This", "That", "A", "An"}
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "they": None}
# A name-like run of words: 'Khawla Mattar', 'Foreign Minister Sergei Lavrov'.
_NAME = r"(?:[A-Z][\w.'’-]+(?:\s+(?:al-|de|di|van|von|bin|ibn|el-)?[A-Z][\w.'’-]+){0,4})"


# The speaker of a frame that names nobody ('one of them said', 'the envoy declared'):
# unknown, and the quotes that go on from it are theirs too, not the last named speaker's.
UNNAMED = ""
# 'one of them', 'a senior official', 'the envoy': a description, not a name.
_DESCRIPTION = re.compile(r"^(?:one|some|two|several|many|a|an|the|another)\b", re.IGNORECASE)


def _frame(text: str, start: int, end: int) -> str | None:
    """Who the frame of the quote at start..end names: after it, before it, or an
    'according to' after it; UNNAMED for a frame that names nobody, None for no frame."""
    for who in (_speaker_after(text, end), _speaker_before(text, start), _according(text, end)):
        if who is not None:
            return who
    return None


# Each opening mark and the marks that close it: English “…” and "…", French «…», German
# „…“, and British single marks ‘…’ (whose closing mark is also an apostrophe: it closes
# only where no letter follows it).
_CLOSERS = {"“": '”"', '"': '"”', "«": "»", "„": "“”", "‘": "’"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted words, marks excluded; paragraph-spanning quotes joined."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _CLOSERS and _opens(text, i):
            closers = _CLOSERS[ch]
            j = i + 1
            while j < n:
                c = text[j]
                if c in closers and _closing(text, j):
                    break
                if c == "\n" and text[j : j + 2] == "\n\n":
                    # Paragraph end inside a quote: it goes on if the next paragraph reopens.
                    k = j
                    while k < n and text[k] in "\n ":
                        k += 1
                    if k < n and text[k] == ch:
                        spans.append((i + 1, j))
                        i = k
                        j = k + 1
                        continue
                    break
                j += 1
            if j < n and text[j] in closers:
                spans.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _opens(text: str, i: int) -> bool:
    mark = text[i]
    if mark == '"':
        return i == 0 or not text[i - 1].isalnum()
    if mark == "‘":  # at a word's start, not inside one
        before_ok = i == 0 or text[i - 1].isspace() or text[i - 1] in "([:—–-"
        return before_ok and i + 1 < len(text) and text[i + 1].isalnum()
    return True


def _closing(text: str, j: int) -> bool:
    mark = text[j]
    if mark == '"':
        return _closes(text, j)
    if mark == "’":  # 'it’s', 'the people’s': an apostrophe
        return j + 1 >= len(text) or not text[j + 1].isalpha()
    return True


def _closes(text: str, j: int) -> bool:
    return j + 1 >= len(text) or not text[j + 1].isalnum()


def merge_continuations(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group spans of one quotation that runs over paragraphs (split where a paragraph
    ends without closing the quote)."""
    groups: list[list[tuple[int, int]]] = []
    for start, end in spans:
        if groups and _continues(text, groups[-1][-1][1], start):
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
    return groups


def _continues(text: str, previous_end: int, start: int) -> bool:
    between = text[previous_end:start]
    return (
        between.strip() in {"", *_CLOSERS}
        and "\n\n" in between
        and text[previous_end] not in '”"»“’'
    )


# '“…,” said deputy State Department spokeswoman Marie Harf': the speaker is the last name
# in the phrase after the verb.
_AFTER_SAID_PHRASE = re.compile(
    rf"^[,.!?]?[”\"»“’]?,?\s+(?:{_SPEECH})\s+(?P<phrase>[^.,;:\n“\"]{{1,80}})"
)
_NAME_RUN = re.compile(rf"{_NAME}|\b(?:he|she|they)\b")
_AFTER_NAME_SAID = re.compile(
    rf"^[,.!?]?[”\"»“’]?,?\s+(?P<who>(?:the\s+)?{_NAME}|he|she|they)(?:,[^,.;“”\"]{{1,90}},)?\s+(?:{_SPEECH})\b"
)
_AFTER_PHRASE_SAID = re.compile(
    rf"^[,.!?]?[”\"»“’]?,?\s+(?P<phrase>[^.,;:\n“”\"]{{1,80}}?)\s+(?:{_SPEECH})\b"
)
_BEFORE = re.compile(
    rf"(?P<who>{_NAME}|[Hh]e|[Ss]he|[Tt]hey)(?:,[^,]{{1,80}},)?\s+(?:{_SPEECH})"
    rf"(?:\s+(?:reporters|journalists|Reuters|AFP|AP|the [A-Z][\w ]{{1,40}}|[A-Z]\w+))?"
    rf"(?:\s+(?:that|on \w+|in a statement))?\s*[:,]?\s*[“\"«]?$"
)
_ACCORDING = re.compile(rf"(?i:according to) (?:the\s+)?(?P<who>{_NAME})")


def find_quotes(
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Mention],
    person_names: frozenset[str] = frozenset(),
) -> list[FoundQuote]:
    """Every direct quotation with its speaker as written (None when unattributed), a
    pronoun's resolved to the last person named before it.

    `person_names`: names known to be people (from the story's actors), so that a person
    the tagger labelled otherwise in this article can still be a pronoun's antecedent."""
    found = quote_frames(text, sentences, entities)
    speakers = resolve_speakers(found, person_names)
    return [replace(quote, speaker=speaker) for quote, speaker in zip(found, speakers, strict=True)]


def quote_frames(
    text: str, sentences: Sequence[Sentence], entities: Sequence[Mention]
) -> list[FoundQuote]:
    """Every direct quotation with its frame as written: the speaker it names, or that it
    is framed by a pronoun (with the names before it that the pronoun may stand for), or
    that it goes on from the quote before it. `resolve_speakers` settles who said each."""
    starts = [s.start for s in sentences]
    spans = quote_spans(text)
    ordered = sorted(entities, key=lambda e: e.start)
    genders: dict[str, str] | None = None  # read once, when a pronoun needs it
    found: list[FoundQuote] = []
    previous_end = -1
    for group in merge_continuations(text, spans):
        start, end = group[0][0], group[-1][1]
        words = " ".join(text[s:e].strip() for s, e in group)
        if _is_name_in_quotes(words):
            continue
        who = _frame(text, start, end)
        sentence = max(0, _index(starts, start))
        if who is None and starts:
            who = _closing_frame(text, end, _sentence_end(starts, text, end))
        quote = FoundQuote(start, end, words, sentence, None)
        if who and who.lower() == "they":
            # 'In a statement they said': a group, never the person named last.
            quote = replace(quote, speaker=UNNAMED)
        elif who and who.lower() in _PRONOUNS:
            # The last person named before the quote, outside quotes: 'Sophie Marchand …
            # said staff were exhausted. “They are working …,” she said.'
            # A frame before the quote ('He said: “…') has its pronoun in the quote's
            # sentence, as a word ('the' holds no 'he'); after it, the quote comes first.
            head = max(0, start - 250, starts[sentence] if starts else 0)
            before_quote = list(re.finditer(rf"\b{who}\b", text[head:start], re.IGNORECASE))
            cutoff = head + before_quote[-1].start() if before_quote else start
            other = {"he": "f", "she": "m"}.get(who.lower())  # the gender it cannot be
            genders = text_genders(text, ordered) if genders is None else genders
            unlike = frozenset(n for n, g in genders.items() if g == other)
            before = _antecedents(ordered, cutoff, spans, entities, starts, unlike, text)
            nearest = _nearest_person_end(ordered, cutoff, spans)
            # From the sentence of the nearest person: its subject may be a description
            # ('The prime minister's spokesman said Barrow had called. “…,” he said').
            since = starts[_index(starts, nearest - 1)] if nearest > 0 and starts else nearest
            described = _DESCRIBED.search(text, max(since, previous_end, 0), cutoff)
            if described:
                # 'A Turkish diplomat, speaking on condition of anonymity, said … “…,” he
                # said': a source the text describes and does not name.
                before = (Antecedent(described.group("who"), "", True),)
            elif found and nearest < (framed := _framed_until(found[-1], starts, text)):
                # '“…,” Kerry said. “…,” he said': the speaker just quoted is nearer than
                # any person named; he goes on, unless a name since is one the story knows
                # as a person though tagged otherwise here.
                before = tuple(
                    a
                    for a in _antecedents(ordered, cutoff, spans, entities, starts, unlike, text,
                                          since=framed)
                    if not a.person
                )  # fmt: skip
            quote = replace(quote, pronoun=True, antecedents=before)
        elif who:
            quote = replace(quote, speaker=_canonical_mention(who, entities))
        elif who == UNNAMED:
            quote = replace(quote, speaker=UNNAMED)
        else:
            quote = replace(quote, continues=_goes_on(text, previous_end, start))
        previous_end = end
        found.append(quote)
    return found


def resolve_speakers(
    quotes: Sequence[FoundQuote],
    person_names: frozenset[str] = frozenset(),
    not_people: frozenset[str] = frozenset(),
) -> list[str | None]:
    """Who said each of an article's quotes (in order): the speaker named; for a pronoun,
    the nearest antecedent that is a person (tagged so and not in `not_people`, the names
    the story knows to be no one's, or in `person_names`), else the speaker before; for a
    quote that goes on from the one before, that one's speaker, unless the one before is a
    term ('for now'), which is not someone speaking on."""
    speakers: list[str | None] = []
    last: Antecedent | None = None  # the speaker so far, as written and as a name
    spoke = False  # whether the quote before is something said, not a term
    for quote in quotes:
        said_before, spoke = spoke, not is_term(quote.text)
        if quote.pronoun:
            person = next(
                (
                    a
                    for a in quote.antecedents
                    if (a.person and a.text not in not_people) or a.text in person_names
                ),
                None,
            )
            named = person.speaker if person is not None else UNNAMED  # not 'a diplomat'
            if named and last and named != last.speaker and _THIRD.search(quote.text):
                # '“I am confident that he and others will be in Geneva,” he said' after
                # naming Jarba: the 'he' inside is Jarba, so the speaker is the one before.
                person = None
            last = person or last
            speakers.append((last.speaker or None) if last else None)
        elif quote.speaker:
            last = Antecedent(quote.speaker, quote.speaker, True)
            speakers.append(quote.speaker)
        elif quote.speaker == UNNAMED:  # framed by someone unnamed, who may go on
            last = Antecedent(UNNAMED, UNNAMED, True)
            speakers.append(None)
        elif last is not None and quote.continues and said_before:
            speakers.append(last.speaker or None)
        else:
            speakers.append(None)
    return _repeated_speakers(quotes, speakers)


def _repeated_speakers(
    quotes: Sequence[FoundQuote], speakers: list[str | None]
) -> list[str | None]:
    """A quote with no frame whose words another quote of the article repeats with its
    speaker ('‘Sometimes you have to walk’:' as a heading, and later '“Sometimes you have
    to walk, and …,” Trump told reporters') is that speaker's."""
    said = [(_flat(q.text), who) for q, who in zip(quotes, speakers, strict=True) if who]
    found = list(speakers)
    for i, (quote, who) in enumerate(zip(quotes, speakers, strict=True)):
        if who is not None or quote.speaker == UNNAMED or quote.pronoun:
            continue
        words = _flat(quote.text)
        owners = {w for text, w in said if len(words) >= 12 and words in text}
        if len(owners) == 1:
            found[i] = owners.pop()
    return found


def _flat(text: str) -> str:
    return " ".join(_TERM_WORD.findall(text.lower()))


def find_article_quotes(article: Article, options: Options) -> Article:
    """Quotes step: the article's quotations with their frames, found once and stored."""
    return replace(
        article, quotes=tuple(quote_frames(article.text, article.sentences, article.entities))
    )


# A source the text describes without naming, as the subject of a reporting verb: 'A
# Turkish diplomat, speaking on condition of anonymity, said'. Its antecedent's speaker is
# empty: the quotes it frames have no named speaker.
_SOURCE_NOUNS = (
    r"diplomat|official|source|spokes(?:wo)?man|spokesperson|negotiator|aide|adviser|"
    r"analyst|witness|resident|observer|delegate|member|commander|officer|fighter|minister|"
    r"activist|doctor|worker"
)
_DESCRIBED = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?]\s)|(?<=[.!?][”\"]\s))"  # a sentence's subject, not an apposition
    r"(?P<who>(?:(?:A|An|One|Another|Two|Some|Several)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:{_SOURCE_NOUNS})s?)\b[^.“”\"]{{0,100}}?"
    # 'The prime minister's spokesman said': a role, its holder not named
    r"|The\s+(?:[a-z-]+(?:['’]s)?\s+){0,3}?(?:spokes(?:wo)?man|spokesperson|sources?)"
    r"(?:\s+[a-z]+){0,2}?\s+)\b(?:" + _SPEECH + r")\b"
)
# What the text itself says of a person's gender: a title before the name ('Mrs May', 'Mr
# Kim') or a gendered role beside it ('Ines Moreau, a spokeswoman'). Not a list of first
# names, and not the pronouns near a name (they often stand for someone else).
_FEMALE_BEFORE = re.compile(r"\b(?:Mrs|Ms|Miss|Madam|Dame|Lady|Queen|Princess)\.?\s+$")
_MALE_BEFORE = re.compile(r"\b(?:Mr|Sir|Lord|King|Prince)\.?\s+$")
_FEMALE_ROLE = re.compile(
    r"^,?\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?(?:spokeswoman|chairwoman|congresswoman|"
    r"businesswoman|woman|mother|wife|daughter|sister|actress)\b"
)
_MALE_ROLE = re.compile(
    r"^,?\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?(?:spokesman|chairman|congressman|"
    r"businessman|man|father|husband|son|brother)\b"
)


def text_genders(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Name -> 'm' or 'f', for the people whose gender the text shows and never both ways;
    a surname alone too, when one full name of the text has it ('Omar Sabry, her brother'
    says nothing of Elena Sabry)."""
    seen: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        before = text[max(0, mention.start - 12) : mention.start]
        after = text[mention.end : mention.end + 80]
        found = seen.setdefault(mention.text, set())
        if _FEMALE_BEFORE.search(before) or _FEMALE_ROLE.match(after):
            found.add("f")
        if _MALE_BEFORE.search(before) or _MALE_ROLE.match(after):
            found.add("m")
    genders = {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}
    full_names: dict[str, set[str]] = {}
    for name in seen:
        if " " in name:
            full_names.setdefault(_surname(name), set()).add(name)
    for surname, names in full_names.items():
        only = next(iter(names)) if len(names) == 1 else None
        if only in genders and surname not in seen:
            genders[surname] = genders[only]
    return genders


def _surname(name: str) -> str:
    words = name.split()
    return words[-1].strip(".,’'s") if words else name


TERM_WORDS = 3  # a quotation this short is a term the text holds at arm's length
_TERM_WORD = re.compile(r"[\w’'-]+")


def is_term(text: str) -> bool:
    """A quotation of one to three words ('milestone', 'a stable peace'): how someone names
    a thing, not what they said."""
    return len(_TERM_WORD.findall(text)) <= TERM_WORDS


_POSSESSIVE = ("’s", "'s")
_NOT_ANYONE = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_THIRD = re.compile(r"\b(?:he|him|his|she|her)\b", re.IGNORECASE)


def _antecedents(
    ordered: Sequence[Mention],
    cutoff: int,
    quoted: Sequence[tuple[int, int]],
    entities: Sequence[Mention],
    starts: Sequence[int] = (),
    unlike: frozenset[str] = frozenset(),
    text: str = "",
    since: int = 0,
) -> tuple[Antecedent, ...]:
    """The mentions a pronoun before `cutoff` may stand for, nearest first, outside quotes,
    each text and tagging once, up to the nearest one tagged PERSON (always a person). When
    that sentence names more people, its first comes first: the subject, the one it is
    about ('Kerry would not be drawn on what would happen if Assad pulled out. “…,” he
    said' is Kerry). A possessor is not the one who speaks ('he refused Mr. Kim’s demand.
    “…,” he said' is not Kim)."""
    found: list[Antecedent] = []
    seen: set[tuple[str, bool]] = set()
    people_sentence: int | None = None
    people: list[Antecedent] = []
    for mention in reversed(ordered):
        if mention.start < since:
            break
        if mention.end > cutoff or any(s <= mention.start < e for s, e in quoted):
            continue
        if mention.label in _NOT_ANYONE:
            continue  # 'Monday', 'morning', 'two'
        if mention.text in unlike:
            continue  # 'she said' is not Kerry's
        if text[mention.end : mention.end + 2] in _POSSESSIVE:
            continue
        person = mention.label == "PERSON"
        here = _index(starts, mention.start) if starts else None
        if people_sentence is not None:
            if here != people_sentence:
                break
            if person and mention.text not in {a.text for a in people}:
                people.insert(
                    0, Antecedent(mention.text, _canonical_mention(mention.text, entities), True)
                )
            continue
        if (mention.text, person) in seen:
            continue
        seen.add((mention.text, person))
        antecedent = Antecedent(mention.text, _canonical_mention(mention.text, entities), person)
        if person:
            people = [antecedent]
            people_sentence = here
            if here is None:
                break
            continue
        found.append(antecedent)
    return (*found, *people)


def _nearest_person_end(
    ordered: Sequence[Mention], cutoff: int, quoted: Sequence[tuple[int, int]]
) -> int:
    """Where the last person named before `cutoff` (outside quotes) ends; -1 if none."""
    for mention in reversed(ordered):
        inside = any(s <= mention.start < e for s, e in quoted)
        if mention.end <= cutoff and mention.label == "PERSON" and not inside:
            return mention.end
    return -1


def _is_name_in_quotes(words: str) -> bool:
    """'the “Friends of Syria” group', '“Geneva II” talks': a name in quotation marks, not
    something said."""
    tokens = words.split()
    capitalised = [t for t in tokens if t[0].isupper() or t[0].isdigit()]
    small = {"of", "the", "and", "for", "on", "in", "de", "al"}
    return 0 < len(tokens) <= 4 and all(t in capitalised or t in small for t in tokens)


def _goes_on(text: str, previous_end: int, start: int) -> bool:
    """A quote that opens a sentence with nothing but the previous quote's frame since it
    (same paragraph, or the next paragraph opening with the quote)."""
    if previous_end < 0:
        return False
    before = text[: start - 1].rstrip()
    if before and before[-1] not in '.!?:\n”"“’»':
        return False  # a partial quote inside a sentence needs its own frame
    between = text[previous_end:start]
    if between.count("\n\n") > 1:
        return False
    after_break = between.rsplit("\n", 1)[-1]
    return "\n" not in between or after_break.strip() in {"", *_CLOSERS}


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got)$", re.IGNORECASE)


def _speaker_after(text: str, end: int) -> str | None:
    """'“…,” X said', '“…,” said X', '“…,” NEC chairman Raymond Tessier told reporters'. A
    quote that ends its own sentence ('“… of my mandate.” Voters were asked') has no frame
    after it: what follows is the next sentence."""
    if text[end - 1 : end] == "." and text[end - 3 : end] != "...":
        return None
    tail = _undotted(text[end : end + 120].split("\n", 1)[0])
    m = _AFTER_NAME_SAID.match(tail)
    if m:
        return _trim_name(m.group("who"))
    m = _AFTER_PHRASE_SAID.match(tail)
    if m and _PASSIVE.search(m.group("phrase")):
        return None  # 'voters were asked': they were spoken to
    if m:  # '“…,” NEC chairman Raymond Tessier told reporters'
        who = _speaker_of_phrase(m.group("phrase"))
        if who is not None:
            return who
    m = _AFTER_ROLE_NAME.match(tail)
    if m:  # '“…,” the CEI's chief observer, Ingrid Haldane, told reporters'
        return _trim_name(m.group("who"))
    m = _AFTER_SAID_PHRASE.match(tail)
    if m:
        phrase = m.group("phrase")
        first = _NAME_RUN.match(phrase.split(" ", 1)[0]) if phrase[:1].islower() else None
        if first and first.group(0) in {"he", "she", "they"}:
            return first.group(0)
        runs = _NAME_RUN.findall(phrase)
        names = [r for r in runs if r not in {"he", "she", "they"}]
        if names:
            return _trim_name(names[-1])
    return None


def _speaker_of_phrase(phrase: str) -> str | None:
    """The speaker a subject phrase before a reporting verb names: its last name ('NEC
    chairman Raymond Tessier'); UNNAMED for a role or body a name only qualifies ('the
    Russian minister's office') or a description ('one of them'); None for neither."""
    placed = _subject_runs(phrase)
    if placed and _ROLE_AFTER.match(phrase[placed[-1][0] + len(placed[-1][1]) :]):
        return UNNAMED  # '“…,” the Russian minister's office said': not Russia
    if placed:
        return _trim_name(placed[-1][1])
    if _DESCRIPTION.match(phrase):
        return UNNAMED  # '“…,” one of them said'
    return None


# '“…,” the CEI's chief observer, Ingrid Haldane, told reporters': the name set off by
# commas after the role is the speaker.
_AFTER_ROLE_NAME = re.compile(
    rf"^[,.!?]?[”\"»“’]?,?\s+(?:the\s+|a\s+|an\s+)?[^,.;:\n“”\"]{{1,60}},\s+(?P<who>{_NAME}),"
    rf"\s+(?:{_SPEECH})\b"
)
# A frame that closes the sentence after a quote that has none of its own: 'They agreed to
# set up teams to “work out some details” on the programme, Trump said.'
_CLOSING_FRAME = re.compile(
    rf",\s+(?P<phrase>[^,.;:\n“”\"]{{1,80}}?)\s+(?:{_SPEECH})\b[^.;:!?“”\"]{{0,80}}[.!?]?[”\"’]?\s*$"
)


def _closing_frame(text: str, end: int, sentence_end: int) -> str | None:
    """The speaker of a reporting clause that ends the quote's sentence (after other words
    or another quote): the same phrase rules as a frame right after a quote."""
    m = _CLOSING_FRAME.search(_undotted(text[end:sentence_end]))
    if m is None or _PASSIVE.search(m.group("phrase")):
        return None
    return _speaker_of_phrase(m.group("phrase"))


# Words that open a sentence or a clause without being anyone: 'For his part, Santos said'.
_NOT_A_NAME = (
    r"(?:For|With|As|After|Before|In|On|At|By|From|But|And|Or|Then|While|When|If|Although|"
    r"Though|Meanwhile|However|Earlier|Later|Asked|Speaking|According|Still|Yet|So|"
    r"Separately|Instead|Today|Yesterday|Now|Also|Since|Despite|During|Under|Over|Of|To|"
    r"Ahead|Amid|Following|Shortly|Soon|Hours|Days|Weeks|Minutes|Moments|Elsewhere|Indeed|"
    r"Nevertheless|Nonetheless|Again|Finally|Once|Last|Next|Until|Upon|Without|Within|"
    r"Through|Throughout|Among|Amongst|Against|Beyond|Behind|Near|Outside|Inside)\b"
)
# Overlapping (a lookahead): 'on Monday morning, Varoufakis said' holds a frame for
# 'Monday' (after a preposition: not a subject) and one for 'Varoufakis'.
_IN_SENTENCE = re.compile(
    rf"(?=(?P<frame>(?P<who>(?!{_NOT_A_NAME}){_NAME}|\b[Hh]e|\b[Ss]he)(?:,[^,“\"]{{1,80}},)?"
    rf"\s+(?:[\w,]+\s+){{0,4}}?(?:{_SPEECH})\b))"
)
_INTRODUCTION = re.compile(rf"^{_NOT_A_NAME}[^,]{{0,40}},\s*")
_PRONOUN_VERB = re.compile(rf"\b(?P<who>(?i:he|she|they))\s+(?:{_SPEECH})\b")
# A role that the name before it only qualifies: 'The UN envoy for Yemen declared', 'a
# Nobel Committee spokeswoman said': the speaker is whoever holds it, not the UN.
_ROLE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[a-z]+(?:['’]s)?\s+){0,2}?(?:envoy|spokes(?:wo)?man|spokesperson|minister|official|"
    r"negotiator|diplomat|source|chief|head|leader|secretary|ambassador|commander|statement|"
    r"ministry|office|aide|adviser|advisor|analyst|delegation|mediator|government|"
    r"administration|cabinet|campaign|team|camp|lawyer|party|department|side)s?\b"
)


def _subject_runs(subject: str) -> list[tuple[int, str]]:
    """The names of a subject phrase (offset, text), without a one-word name that a
    preposition governs ('envoy for Yemen'): that is what the role is of, not who spoke."""
    runs = []
    for match in _NAME_RUN.finditer(subject):
        run = match.group(0)
        if run in {"he", "she", "they"} or (run.split()[0] in _DETERMINERS and " " not in run):
            continue
        if " " not in run and _after_preposition(subject, match.start()):
            continue
        runs.append((match.start(), run))
    return runs


# A full stop after a lower-case word ends a sentence; one after 'U.N' or 'Dr' does not.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9”\"’)][.!?])\s+(?=[A-Z“\"])")


def _speaker_before(text: str, start: int) -> str | None:
    """'X said: “…”', or a partial quote: 'X said the deal was “a first step”'."""
    line_start = text.rfind("\n", 0, start) + 1
    line = _undotted(text[line_start:start])  # 'Mr. Pompeo' ends no sentence
    ends = [line_start + m.end() for m in _SENTENCE_END.finditer(line)]
    sentence_start = ends[-1] if ends else line_start
    head = _undotted(text[max(sentence_start, start - 400) : start])
    m = _BEFORE.search(head)
    if m and not _after_preposition(head, m.start("who")):
        return _trim_name(m.group("who"))
    according = _according_to(head)
    if according:  # 'According to Eklund, the outbreak is “serious but containable”'
        return according
    # A one-word name a preposition governs is not a subject ('an official close to
    # Hezbollah told'); a longer one may be ('Secretary of State Mike Pompeo said'). A title
    # alone names no one ('a spokesperson for the Prime Minister said').
    frames = [
        m
        for m in _IN_SENTENCE.finditer(head)
        if (" " in m.group("who").strip() or not _after_preposition(head, m.start()))
        and not _TITLE_ONLY.fullmatch(m.group("who").strip())
    ]
    # The frame of the last reporting verb, from its furthest subject: 'Khawla Mattar,
    # spokeswoman for …, told' keeps its apposition.
    last = max(frames, key=lambda m: (m.end("frame"), -m.start()), default=None)
    pronouns = list(_PRONOUN_VERB.finditer(head))
    if pronouns and (last is None or pronouns[-1].end() >= last.end("frame")):
        # '… talks in Sweden for what he called': the pronoun is the verb's subject
        return pronouns[-1].group("who")
    if last is None or _PARTICIPLE.search(last.group("frame")):
        # '… at a White House press conference, telling reporters, “…': the participle
        # speaks for the sentence's subject, not for the name before it.
        subject = _participle_subject(head)
        if subject is not None or last is None:
            return subject
    # 'U.S. Secretary of State John Kerry appealed': the last name before the verb.
    # With an apposition ('Khawla Mattar, spokeswoman for …, told') the subject comes first.
    whole = _INTRODUCTION.sub("", last.group("frame"))
    frame = re.sub(rf"\s+(?:{_SPEECH})\b$", "", whole)
    subject = frame.split(",", 1)[0] if "," in frame else frame
    placed = _subject_runs(subject)
    if placed and _ROLE_AFTER.match(subject[placed[-1][0] + len(placed[-1][1]) :]):
        return UNNAMED  # 'The UN envoy for Yemen': whoever holds the role, not the UN
    runs = [r for _, r in placed]
    if "," in frame and not runs:
        # 'Its chief negotiator, Leila Nassour, said': the name is in the apposition.
        runs = [
            r for r in _NAME_RUN.findall(frame.split(",", 2)[1]) if r not in {"he", "she", "they"}
        ]
    pick = runs[0] if "," in frame and runs else (runs[-1] if runs else None)
    who = last.group("who")
    if pick is None and who.split()[0] in _DETERMINERS:
        return UNNAMED  # 'An official close to Hezbollah told Reuters': described, not named
    return _trim_name(pick or who)


# Capitalised words of titles, which name no one by themselves.
_TITLE_ONLY = re.compile(
    r"(?:(?:The|Prime|Minister|President|Vice|Deputy|Secretary|Foreign|Finance|Defence|"
    r"Defense|Interior|Chancellor|Premier|General|State|Chief|Special|Envoy|Ambassador|"
    r"Government|Cabinet|Spokesman|Spokeswoman|Spokesperson)(?:\s+|$))+"
)


_PARTICIPLE = re.compile(
    r",\s+(?:saying|telling|adding|commenting|noting|warning|insisting|arguing|calling|"
    r"describing|stressing|explaining)\b"
)
_LONG_INTRODUCTION = re.compile(rf"^{_NOT_A_NAME}[^,]{{0,80}},\s*")
_ROLE_THEN_NAME = re.compile(rf"^(?:The|A|An)\s+[^,“”\"]{{1,60}},\s+(?P<who>{_NAME}),\s+[a-z]")
_SUBJECT = re.compile(rf"^(?P<who>{_NAME})\s+[a-z]+\b")  # a name, then its verb


def _participle_subject(head: str) -> str | None:
    """'President Santos applauded yesterday’s accord, commenting on Twitter that it was
    a “…”': a reporting participle after a comma speaks for the sentence's subject, when
    the sentence opens with a name and its verb."""
    if not _PARTICIPLE.search(head):
        return None
    opening = _LONG_INTRODUCTION.sub("", head.lstrip())
    named = _ROLE_THEN_NAME.match(opening)
    if named:  # 'The Brexit secretary, David Davis, confirmed …, calling it “…”'
        return _trim_name(named.group("who"))
    m = _SUBJECT.match(opening)
    if m is None or _TITLE_ONLY.fullmatch(m.group("who").strip()):
        return None
    who = m.group("who")
    if re.match(_NOT_A_NAME, who):
        return None
    if who.split()[0] in _DETERMINERS or _DESCRIPTION.match(who):
        return UNNAMED  # 'One diplomat … was more cautious, describing it as “…”'
    return _trim_name(who)


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:to|of|for|from|with|at|in|by|on|during|since|until|after|before|near|into|"
    r"against|about|between|among)\s+(?:the\s+)?$"
)


def _after_preposition(head: str, at: int) -> bool:
    """'An official close to Hezbollah told Reuters': Hezbollah is not the speaker."""
    return bool(re.search(_PREPOSITION_BEFORE, head[:at]))


def _according(text: str, end: int) -> str | None:
    tail = _undotted(text[end : end + 120].split("\n", 1)[0])
    return _according_to(tail[:80])


_ACCORDING_PHRASE = re.compile(r"(?i:according to)\s+(?P<phrase>[^,;:.“”\"]{1,80})")


def _according_to(text: str) -> str | None:
    """The source of 'according to X': the last name of the phrase, so that 'according to
    TLF spokesman Yusuf Darwani' is Darwani, not the TLF; none for a role the text does not
    name ('according to a UN official')."""
    m = _ACCORDING.search(text)
    if not m:
        return None
    phrase = _ACCORDING_PHRASE.search(text, m.start())
    if phrase is None:
        return _trim_name(m.group("who"))
    words = phrase.group("phrase")
    runs = [(at, r) for at, r in _subject_runs(words) if not _after_preposition(words, at)]
    if not runs:
        return _trim_name(m.group("who"))
    # The head of the phrase: 'Tobias Renner of the aid group Harbor Aid' is Renner; a
    # role's holder when the first name only qualifies the role ('TLF spokesman Yusuf
    # Darwani'), and nobody when the role's holder is not named ('a UN official').
    at, first = runs[0]
    role = _ROLE_AFTER.match(words[at + len(first) :])
    if role is None:
        return _trim_name(first)
    holder_at = at + len(first) + role.end()
    holder = next((r for a, r in runs[1:] if a - holder_at <= 1 and " " in r), None)
    return _trim_name(holder) if holder else None


_LEADING = re.compile(r"^(?:The|the|But|And|Then|Later|Meanwhile|However|In|On|At|A|An)\s+")
_HONORIFICS = r"Mr|Mrs|Ms|Miss|Dr|Prof|Gen|Sen|Rep|Gov|Col|Lt|Sgt|Capt|Sir|Dame|Lord"
_HONORIFIC_DOT = re.compile(rf"\b({_HONORIFICS})\.(?=\s+[A-Z])")
_HONORIFIC = re.compile(rf"^(?:{_HONORIFICS})\s+(?=[A-Z])")


def _undotted(text: str) -> str:
    """'Mr. Kim told' as 'Mr  Kim told' (the same length): the title's full stop ends no
    sentence and no frame."""
    return _HONORIFIC_DOT.sub(r"\1 ", text)


def _trim_name(who: str) -> str:
    """The name without a leading word or title: 'Mr Kim' is Kim, 'Mrs May' is May."""
    return _HONORIFIC.sub("", _LEADING.sub("", who.strip())).strip(" ,")


def _canonical_mention(who: str, entities: Sequence[Mention]) -> str:
    """The entity text the speaker phrase ends with ('Foreign Minister Sergei Lavrov' ->
    'Sergei Lavrov'), or the phrase itself."""
    for entity in sorted(entities, key=lambda e: -len(e.text)):
        if entity.label in {"PERSON", "ORG", "NORP", "GPE"} and who.endswith(entity.text):
            return entity.text
    return who


def _framed_until(previous: FoundQuote, starts: Sequence[int], text: str) -> int:
    """Up to where the text belongs to the quote before: the end of its sentence when it
    has a speaker (its frame after it, '“…,” Lollesgaard said in a statement by the office
    of Martin Griffiths', is that speaker's and names no one who could speak on), else its
    own end."""
    if not (previous.speaker or previous.pronoun):
        return previous.end
    return _sentence_end(starts, text, previous.end)


def _sentence_end(starts: Sequence[int], text: str, offset: int) -> int:
    """Where the sentence holding `offset` ends: the next sentence's start."""
    following = bisect_right(starts, offset)
    return starts[following] if following < len(starts) else len(text)


def _index(starts: Sequence[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1
