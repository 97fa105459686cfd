from storyline.model import Mention
from storyline.pipeline.nlp.quotes import find_quotes, quote_spans


def _speakers(text: str, people: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    entities = []
    for name in people:
        start = text.index(name)
        entities.append(Mention(start, start + len(name), name, "PERSON", 0))
    return [(q.text, q.speaker) for q in find_quotes(text, [], entities)]


def test_quotes_frames_after_and_before():
    text = (
        "“We are ready,” Khawla Mattar said. “We are not,” said Sergei Lavrov.\n\n"
        "John Kerry told reporters: “The talks will go on.”"
    )
    assert _speakers(text, ("Khawla Mattar", "Sergei Lavrov", "John Kerry")) == [
        ("We are ready,", "Khawla Mattar"),
        ("We are not,", "Sergei Lavrov"),
        ("The talks will go on.", "John Kerry"),
    ]


def test_quotes_pronoun_and_follow_on_quote_take_the_named_speaker():
    text = (
        "German Foreign Minister Frank-Walter Steinmeier spoke in Paris.\n\n"
        "“It is not an easy decision,” he said. “We want to convince them.\n\n"
        "“We must get down to work.”"
    )
    quotes = _speakers(text, ("Frank-Walter Steinmeier",))
    assert quotes == [
        ("It is not an easy decision,", "Frank-Walter Steinmeier"),
        ("We want to convince them. We must get down to work.", "Frank-Walter Steinmeier"),
    ]


def test_quotes_partial_quote_and_apposition():
    text = (
        "Khawla Mattar, spokeswoman for special envoy Staffan de Mistura, told AFP there was "
        "“the need to meet” with the opposition first."
    )
    assert _speakers(text, ("Khawla Mattar", "Staffan de Mistura")) == [
        ("the need to meet", "Khawla Mattar")
    ]


def test_quotes_unattributed_stay_unattributed_and_names_in_marks_are_not_quotes():
    text = "The so-called “Geneva II” talks open soon.\n\n“Nobody comes in, nobody goes out.”"
    assert _speakers(text) == [("Nobody comes in, nobody goes out.", None)]


def test_quotes_straight_marks_and_inner_apostrophes():
    text = 'He said "we don\'t deal with terrorists" and left.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["we don't deal with terrorists"]


def _sentences(text: str):
    from storyline.model import Sentence

    found, start = [], 0
    for part in text.replace("\n\n", " ").split(". "):
        end = start + len(part) + 1
        found.append(Sentence(start, min(end, len(text)), text[start : min(end, len(text))]))
        start = end + 1
    return found


def _resolved(text: str, people: tuple[str, ...]) -> list[tuple[str, str | None]]:
    entities = []
    for name in people:
        at = -1
        while (at := text.find(name, at + 1)) >= 0:
            entities.append(Mention(at, at + len(name), name, "PERSON", 0))
    found = find_quotes(text, _sentences(text), sorted(entities, key=lambda m: m.start))
    return [(q.text[:12], q.speaker) for q in found]


def test_quotes_no_frame_after_a_quote_that_ends_its_sentence_and_no_passive_frame():
    text = "“I won’t give up,” Santos said. “I will go on to the end.” Voters were asked to choose."
    assert _speakers(text, ("Santos",)) == [
        ("I won’t give up,", "Santos"),
        ("I will go on to the end.", "Santos"),  # goes on from the quote before
    ]
    assert _speakers("“We will vote,” voters were told.") == [("We will vote,", None)]


def test_quotes_an_opening_phrase_or_a_role_is_not_the_speaker():
    text = "For his part, Santos said peace was “very, very close” at last."
    assert _speakers(text, ("Santos",)) == [("very, very close", "Santos")]
    assert _speakers("The UN envoy for Yemen declared that “peace is near” today.") == [
        ("peace is near", None)
    ]
    said = "Both discussed “the plans for the talks,” the Russian minister’s office said."
    assert _speakers(said) == [("the plans for the talks,", None)]
    assert _speakers("An official close to Hezbollah told Reuters: “We attack.”") == [
        ("We attack.", None)
    ]


def test_quotes_according_to_the_head_of_the_phrase():
    cases = {
        "According to TLF spokesman Yusuf Darwani, buses could leave “within days.”": (
            "Yusuf Darwani"
        ),
        "The deal was “good news,” according to Tobias Renner of the aid group Harbor Aid.": (
            "Tobias Renner"
        ),
        "According to a UN official, the talks are “on hold.”": None,
    }
    for text, speaker in cases.items():
        assert [s for _, s in _speakers(text)] == [speaker], text


def test_quotes_pronouns_take_the_speaker_just_quoted_the_subject_and_not_the_he_inside():
    just_quoted = (
        "Diplomats doubted Assad would come. “I have said it many times,” Kerry said.\n\n"
        "“The first thing they can do is accept it,” he said."
    )
    assert [s for _, s in _resolved(just_quoted, ("Assad", "Kerry"))] == ["Kerry", "Kerry"]
    subject = (
        "Kerry would not be drawn on what would happen if Assad pulled out of the talks. "
        "“With respect to the regime we have been told,” he said."
    )
    assert [s for _, s in _resolved(subject, ("Kerry", "Assad"))] == ["Kerry"]
    inside = (
        "Kerry said he was “confident” of it. He met Jarba, who was due in Paris. "
        "“I am confident that he and others will be in Geneva,” he said."
    )
    assert [s for _, s in _resolved(inside, ("Kerry", "Jarba"))] == ["Kerry", "Kerry"]
    called = "Antonio Guterres thanked the Yemeni delegations for what he called “a step.”"
    assert [s for _, s in _resolved(called, ("Antonio Guterres",))] == ["Antonio Guterres"]


def test_quotes_an_unnamed_source_keeps_its_words_and_those_that_go_on():
    text = (
        "Helena Brandt spoke to reporters. “We hope,” Brandt said.\n\n"
        "A Turkish diplomat, speaking on condition of anonymity, said Ankara could help. "
        "“Nobody wants to admit it,” he said. “But somebody has to.”\n\n"
        "Western diplomats were wary. “He cannot be seen to yield,” one of them said. "
        "“So he walks there himself.”"
    )
    speakers = [s for _, s in _resolved(text, ("Helena Brandt", "Brandt"))]
    assert speakers == ["Brandt", None, None, None, None]
    text = "Ines Moreau, a spokeswoman for the agency, said it was grim. “People run,” she said."
    assert [s for _, s in _resolved(text, ("Ines Moreau",))] == ["Ines Moreau"]


def test_quotes_a_name_after_any_preposition_is_not_the_subject():
    text = "Posted on his blog on Monday morning, Varoufakis said he had been shown “a preference.”"
    assert _speakers(text, ("Varoufakis",)) == [("a preference.", "Varoufakis")]
    text = "Guterres thanked the delegations at talks in Sweden for what he called “a step.”"
    assert [s for _, s in _resolved(text, ("Guterres",))] == ["Guterres"]


def test_quotes_german_and_british_marks_and_apostrophes_are_not_quotes():
    text = "„A lot of good will went into this,“ Trump said."
    assert _speakers(text, ("Trump",)) == [("A lot of good will went into this,", "Trump")]
    text = "May said: ‘The government will listen to the people’s view.’ It’s late."
    assert _speakers(text, ("May",)) == [
        ("The government will listen to the people’s view.", "May")
    ]
    assert quote_spans("The rebels’ plan and the army’s reply.") == []


def test_quotes_a_title_with_its_full_stop_is_part_of_the_frame():
    text = "“It is good to see you again,” a seemingly exuberant Mr. Kim told the president."
    assert _speakers(text, ("Kim",)) == [("It is good to see you again,", "Kim")]
    assert _speakers("Mrs. May told MPs: “We will deliver.”", ("May",)) == [
        ("We will deliver.", "May")
    ]


def test_quotes_she_is_not_a_man_the_text_calls_mr_or_brother():
    text = (
        "Elena Sabry spoke first. Later Omar Sabry, her brother, met Mr Tessier. "
        "“We will not allow it,” she said."
    )
    assert [s for _, s in _resolved(text, ("Elena Sabry", "Omar Sabry", "Tessier"))] == [
        "Elena Sabry"
    ]


def test_quotes_a_scare_quote_of_three_words_or_fewer_is_a_term():
    from storyline.story.quotes import quote_kind

    assert [quote_kind(t) for t in ("milestone", "a stable peace", "very, very close")] == [
        "term",
        "term",
        "term",
    ]
    assert quote_kind("We are here for political negotiations") == "quote"


def test_quotes_groups_bodies_and_roles_are_not_the_names_beside_them():
    """'they' is a group, never the person named last; 'May's government' and 'a
    spokesperson for the Prime Minister' are not May or the Prime Minister; 'Ahead of the
    meeting' names no one."""
    text = (
        "Theresa May met Donald Tusk. In a statement they said that “everything is ready on "
        "this side of the table”. May's government said it was “confident it can achieve a "
        "bold deal”. A spokesperson for the Prime Minister said it is “right that the 27 "
        "have a chance to agree”. Ahead of the meeting, Varadkar told reporters it was the "
        "“culmination of nearly two years of work”."
    )
    assert _resolved(text, ("Theresa May", "Donald Tusk", "May", "Varadkar")) == [
        ("everything i", None),
        ("confident it", None),
        ("right that t", None),
        ("culmination ", "Varadkar"),
    ]


def test_quotes_a_role_described_and_not_named_keeps_its_quotes_unnamed():
    """'The prime minister's spokesman said Barrow had called. “…,” he said': he is the
    spokesman, not the speaker quoted before, and not Barrow."""
    text = (
        "“We are clear in our aims,” David Davis said.\n\nThe prime minister’s spokesman said "
        "Barrow had called Tusk’s office. “There will be a letter, she will notify him "
        "in writing,” he said. “More details will be given in due course.”"
    )
    assert _resolved(text, ("David Davis", "Barrow", "Tusk")) == [
        ("We are clear", "David Davis"),
        ("There will b", None),
        ("More details", None),
    ]


def test_quotes_a_term_is_not_someone_speaking_on():
    """'The Guardian says the PM faced down rebels “for now”. “I heard …”': the quote after a
    term has no speaker of its own, and is not the Guardian's."""
    text = (
        "The Guardian says the PM has faced down the rebels “for now”. “I heard last night it "
        "might be delayed, so it bodes well.”"
    )
    assert _resolved(text, ()) == [("for now", "Guardian"), ("I heard last", None)]


def test_quotes_a_name_the_story_knows_as_no_one_is_no_antecedent():
    from storyline.pipeline.nlp.quotes import quote_frames, resolve_speakers

    text = "Theresa May arrived. Brexit ruled the day. She said: “The government will listen.”"
    entities = [
        Mention(0, 11, "Theresa May", "PERSON", 0),
        Mention(21, 27, "Brexit", "PERSON", 0),  # the tagger's error
    ]
    quotes = quote_frames(text, _sentences(text), entities)
    assert resolve_speakers(quotes) == ["Brexit"]
    assert resolve_speakers(quotes, not_people=frozenset({"Brexit"})) == [None]  # unknown


def test_quotes_frames_that_close_the_sentence_or_name_the_role_holder():
    text = (
        "The two men agreed to set up teams to “work out some details of the plan” before "
        "the next round, Donald Trump said. “This is not a matter of clerical errors,” the "
        "observers' chief, Ingrid Haldane, told reporters. President Trump said Mr. Pompeo "
        "would be in Doha at a White House press conference, telling reporters, “We are "
        "making tremendous progress.”"
    )
    people = ("Donald Trump", "Ingrid Haldane", "Trump", "Pompeo")
    assert _resolved(text, people) == [
        ("work out som", "Donald Trump"),
        ("This is not ", "Ingrid Haldane"),
        ("We are makin", "Trump"),
    ]


def test_quotes_a_heading_that_repeats_a_quote_is_its_speakers():
    text = (
        "‘Sometimes you have to walk away from it’:\n\n“Sometimes you have to walk away from "
        "it, and this was one of those times,” Trump told reporters."
    )
    assert _resolved(text, ("Trump",)) == [("Sometimes yo", "Trump"), ("Sometimes yo", "Trump")]
