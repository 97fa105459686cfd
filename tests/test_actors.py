from storyline.model import Mention
from storyline.story.actors import build_actors


def _mentions(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    found, cursor = [], 0
    for name, label in names:
        start = text.index(name, cursor)
        found.append(Mention(start, start + len(name), name, label, 0))
        cursor = start + len(name)
    return found


def test_actors_merge_aliases_and_read_roles():
    text = (
        "Syrian President Bashar al-Assad met envoys. Bashar Assad said little. Assad left. "
        "Russian Foreign Minister Sergei Lavrov spoke; Lavrov smiled. "
        "The Syrian National Coalition (SNC) met. The SNC and the National Coalition agreed."
    )
    names = [
        ("Bashar al-Assad", "PERSON"), ("Bashar Assad", "PERSON"), ("Assad", "PERSON"),
        ("Sergei Lavrov", "PERSON"), ("Lavrov", "PERSON"),
        ("Syrian National Coalition", "ORG"), ("SNC", "ORG"), ("SNC", "ORG"),
        ("National Coalition", "ORG"),
    ]  # fmt: skip
    actors = {a.name: a for a in build_actors([("a1", text, _mentions(text, names))])}
    assert actors["Bashar al-Assad"].aliases == {"Bashar al-Assad", "Bashar Assad", "Assad"}
    assert actors["Bashar al-Assad"].roles == ["President"]
    assert actors["Sergei Lavrov"].roles == ["Foreign Minister"]
    assert actors["Sergei Lavrov"].affiliation == "Russian"
    coalition = actors["Syrian National Coalition"]
    assert coalition.aliases == {"Syrian National Coalition", "SNC", "National Coalition"}


def test_actors_people_sharing_a_surname_stay_apart():
    text = "Ali Hassan spoke. Omar Hassan answered. Hassan left."
    names = [("Ali Hassan", "PERSON"), ("Omar Hassan", "PERSON"), ("Hassan", "PERSON")]
    actors = build_actors([("a1", text, _mentions(text, names))])
    assert sorted(a.name for a in actors) == ["Ali Hassan", "Hassan", "Omar Hassan"]


def test_actors_word_order_variants_merge():
    text = "Army al-Islam fighters held the town. The Army of Islam denied it."
    names = [("Army al-Islam", "ORG"), ("Army of Islam", "ORG")]
    (actor,) = build_actors([("a1", text, _mentions(text, names))])
    assert actor.aliases == {"Army al-Islam", "Army of Islam"}


def test_actors_a_lone_word_tagged_person_once_is_the_place_the_story_names():
    text = "Greece voted. Greece said no. In Greece banks shut. Greece waits. Greeks cheered."
    names = [
        ("Greece", "GPE"), ("Greece", "PERSON"), ("Greece", "GPE"), ("Greece", "GPE"),
        ("Greeks", "PERSON"),
    ]  # fmt: skip
    actors = build_actors([("a1", text, _mentions(text, names))])
    assert [(a.name, a.type) for a in actors] == [("Greece", "GPE"), ("Greeks", "PERSON")]
    more = text + " Greeks marched. The Greek vote counted."
    names += [("Greeks", "NORP"), ("Greek", "NORP")]
    actors = build_actors([("a1", more, _mentions(more, names))])
    assert {(a.name, a.type) for a in actors} == {("Greece", "GPE"), ("Greeks", "NORP")}


def test_actors_a_full_surname_tagged_org_is_its_person():
    text = "Humberto de la Calle led the team. De la Calle said the deal was near."
    names = [("Humberto de la Calle", "PERSON"), ("De la Calle", "ORG")]
    actors = build_actors([("a1", text, _mentions(text, names))])
    assert [(a.name, a.type) for a in actors] == [("Humberto de la Calle", "PERSON")]


def test_actors_leave_out_credits_bylines_signatures_and_teasers():
    text = (
        "Talks end\n"
        "Rebels rest in the hills. (Photo: Phoenix Diaz)\n"
        "A voter marks his ballot. Mario Tama / Getty Images\n"
        "Peace prize goes to Juan Santos By Rob Quinn Posted Oct 7, 2016\n"
        "News reporter Jim Waterson is in Athens.\n"
        "Lizzie Massey\n"
        "Juan Santos thanked Timo Leon. Read These Next What people say about Jimmy Kimmel.\n"
    )
    names = [
        ("Phoenix Diaz", "PERSON"), ("Mario Tama", "PERSON"), ("Juan Santos", "PERSON"),
        ("Rob Quinn", "PERSON"), ("Jim Waterson", "PERSON"), ("Lizzie Massey", "PERSON"),
        ("Juan Santos", "PERSON"), ("Timo Leon", "PERSON"), ("Jimmy Kimmel", "PERSON"),
    ]  # fmt: skip
    actors = build_actors([("a1", text, _mentions(text, names))])
    assert sorted(a.name for a in actors) == ["Juan Santos", "Timo Leon"]


def test_actors_a_family_name_written_first_joins_its_one_full_name():
    text = "Kim Jong Un arrived. Kim smiled. Moon Jae-in waited. Kim Yo Jong and Kim Jong Un left."
    names = [
        ("Kim Jong Un", "PERSON"), ("Kim", "PERSON"), ("Moon Jae-in", "PERSON"),
        ("Kim Yo Jong", "PERSON"), ("Kim Jong Un", "PERSON"),
    ]  # fmt: skip
    one = text.split(" Kim Yo")[0]
    actors = {a.name: a for a in build_actors([("a1", one, _mentions(one, names[:3]))])}
    assert actors["Kim Jong Un"].aliases == {"Kim Jong Un", "Kim"}
    actors = {a.name: a for a in build_actors([("a1", text, _mentions(text, names))])}
    assert "Kim" in actors  # two Kims: the text does not say which one


def test_actors_roles_once_per_meaning_and_affiliations_that_are_names():
    text = (
        "Greek Finance Minister Yanis Varoufakis resigned. The envoy Ines Haldane met him. "
        "Special envoy Ines Haldane spoke. The vote in the UK Parliament. Former Prime "
        "Minister Theresa May wept, and while speaking to Sky News just now, Ana Ruiz left."
    )
    names = [
        ("Yanis Varoufakis", "PERSON"), ("Ines Haldane", "PERSON"), ("Ines Haldane", "PERSON"),
        ("Theresa May", "PERSON"), ("Ana Ruiz", "PERSON"),
    ]  # fmt: skip
    actors = {a.name: a for a in build_actors([("a1", text, _mentions(text, names))])}
    assert (actors["Yanis Varoufakis"].roles, actors["Yanis Varoufakis"].affiliation) == (
        ["Finance Minister"],
        "Greek",
    )
    assert actors["Ines Haldane"].roles == ["Special envoy"]
    assert actors["Theresa May"].affiliation is None
    assert actors["Ana Ruiz"].roles == []  # 'speaking' holds no King


def _names_in(text: str, names: list[tuple[str, str]]) -> dict[str, object]:
    return {a.name: a for a in build_actors([("a1", text, _mentions(text, names))])}


def test_actors_a_surname_alone_is_the_full_name_named_far_more_often():
    """Donald Trump named six times, Ivanka Trump once: 'Trump' is Donald Trump. With
    each named once, it stays apart (the text does not say which)."""
    text = " ".join(["Donald Trump spoke."] * 6) + " Ivanka Trump waved. Trump left."
    names = [("Donald Trump", "PERSON")] * 6 + [("Ivanka Trump", "PERSON"), ("Trump", "PERSON")]
    actors = _names_in(text, names)
    assert actors["Donald Trump"].aliases == {"Donald Trump", "Trump"}
    assert actors["Ivanka Trump"].aliases == {"Ivanka Trump"}
    even = "Donald Trump spoke. Ivanka Trump waved. Trump left."
    names = [("Donald Trump", "PERSON"), ("Ivanka Trump", "PERSON"), ("Trump", "PERSON")]
    assert "Trump" in _names_in(even, names)


def test_actors_typos_titles_and_cut_names_are_one_person():
    text = (
        "Kim Jong Un arrived. Kim Jong Un smiled. Kim Jung Un left. Theresa May spoke and Mrs "
        "May left. Moon Jae-in waited; President Moon Jae-in spoke. Kaci Kullmann Five read it "
        "out and Kullman Five smiled. Joan Smith and John Smith voted."
    )
    names = [
        ("Kim Jong Un", "PERSON"), ("Kim Jong Un", "PERSON"), ("Kim Jung Un", "PERSON"),
        ("Theresa May", "PERSON"), ("Mrs May", "PERSON"), ("Moon Jae", "PERSON"),
        ("Moon Jae", "PERSON"), ("Kaci Kullmann Five", "PERSON"), ("Kullman Five", "PERSON"),
        ("Joan Smith", "PERSON"), ("John Smith", "PERSON"),
    ]  # fmt: skip
    actors = _names_in(text, names)
    assert actors["Kim Jong Un"].aliases == {"Kim Jong Un", "Kim Jung Un"}
    assert actors["Theresa May"].aliases == {"Theresa May", "May"}
    assert actors["Moon Jae-in"].mentions == 2
    assert actors["Kaci Kullmann Five"].aliases == {"Kaci Kullmann Five", "Kullman Five"}
    assert {"Joan Smith", "John Smith"} <= set(actors)  # two people, not a typo


def test_actors_what_the_tagger_took_for_people_and_is_not():
    """'Kim Summit' is an event, 'Trump-Kim' (of 'the Trump-Kim summit') no one, and
    'Brexit', never titled, never saying anything and no one's name, takes the kind the
    tagger also gave it; 'Varoufakis', who speaks, stays a person."""
    text = (
        "Donald Trump and Kim Jong Un met at the Trump-Kim summit, the Kim Summit. Brexit "
        "loomed. Brexit again. Brexit, said the papers. Varoufakis said no. After Brexit, "
        "Varoufakis left the Varoufakis plan."
    )
    names = [
        ("Donald Trump", "PERSON"), ("Kim Jong Un", "PERSON"), ("Trump-Kim", "PERSON"),
        ("Kim Summit", "PERSON"), ("Brexit", "PERSON"), ("Brexit", "PERSON"),
        ("Brexit", "PERSON"), ("Varoufakis", "PERSON"), ("Brexit", "GPE"),
        ("Varoufakis", "PERSON"), ("Varoufakis", "ORG"),
    ]  # fmt: skip
    kinds = {a.name: a.type for a in build_actors([("a1", text, _mentions(text, names))])}
    assert "Trump-Kim" not in kinds
    assert "Kim Summit" not in kinds  # an event, not an actor
    assert kinds["Brexit"] == "GPE"
    assert kinds["Varoufakis"] == "PERSON"


def test_actors_adjectives_events_and_outlets_are_not_actors():
    """'Yemeni' names no one (unless the story's Yemenis act: then it is their name), the
    Cold War is what happened, and Reuters only reports."""
    text = (
        "Yemeni forces met Greek envoys. The Greeks voted. A Greek official told Reuters "
        "(Reuters) the Cold War was over, Reuters reported. Ismail Ould Cheikh Ahmed came; "
        "Ould Cheikh Ahmed and Cheikh Ahmed spoke. Juan Manuel Santos and Juan Santos met."
    )
    names = [
        ("Yemeni", "NORP"), ("Greek", "NORP"), ("Greeks", "NORP"), ("Greek", "NORP"),
        ("Reuters", "ORG"), ("Reuters", "ORG"), ("Cold War", "EVENT"), ("Reuters", "ORG"),
        ("Ismail Ould Cheikh Ahmed", "PERSON"), ("Ould Cheikh Ahmed", "PERSON"),
        ("Cheikh Ahmed", "PERSON"), ("Juan Manuel Santos", "PERSON"), ("Juan Santos", "PERSON"),
    ]  # fmt: skip
    actors = _names_in(text, names)
    greeks = next(a for a in actors.values() if a.type == "NORP")
    assert greeks.aliases == {"Greeks", "Greek"}
    assert set(actors) == {greeks.name, "Ismail Ould Cheikh Ahmed", "Juan Manuel Santos"}
    assert actors["Ismail Ould Cheikh Ahmed"].mentions == 3
    assert actors["Juan Manuel Santos"].aliases == {"Juan Manuel Santos", "Juan Santos"}


def test_actors_names_the_text_says_are_one_person():
    text = (
        "FARC leader Rodrigo Londono, alias Timoleon “Timochenko” Jimenez, spoke. Later "
        "Timoleon Jimenez wept and Timochenko left. Ana Ruiz, known as the Judge, stayed."
    )
    names = [
        ("Rodrigo Londono", "PERSON"), ("Timoleon “Timochenko” Jimenez", "PERSON"),
        ("Timoleon Jimenez", "PERSON"), ("Timochenko", "ORG"), ("Ana Ruiz", "PERSON"),
    ]  # fmt: skip
    actors = _names_in(text, names)
    assert set(actors) == {"Rodrigo Londono", "Ana Ruiz"} or set(actors) == {
        "Timoleon Jimenez",
        "Ana Ruiz",
    }
    one = next(a for a in actors.values() if a.name != "Ana Ruiz")
    assert {"Rodrigo Londono", "Timoleon Jimenez", "Timochenko"} <= one.aliases
