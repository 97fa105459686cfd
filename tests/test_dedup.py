from storyline.model import Article
from storyline.pipeline.clean.dedup import DuplicateIndex, from_bytes, signature, to_bytes

TEXT = " ".join(
    f"Sentence number {i} of the wire story says the talks in Geneva went on for hours."
    for i in range(30)
)


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, source=article_id, raw=b"", format="text", text=text)


def test_dedup_links_a_lightly_edited_copy_to_the_first_article():
    copy = TEXT.replace("number 3 ", "number three ") + " The post appeared first on X."
    other = "An unrelated article about a football final in Lisbon and its crowd of fans. " * 5
    linked, blobs = DuplicateIndex().link(
        [_article("a", TEXT), _article("b", copy), _article("c", other)]
    )
    assert [a.duplicate_of for a in linked] == [None, "a", None]
    assert len(blobs) == 3


def test_dedup_copies_of_copies_point_to_the_canonical_article():
    index = DuplicateIndex()
    index.link([_article("a", TEXT)])
    index.link([_article("b", TEXT + " One more sentence at the end.")])
    linked, _ = index.link([_article("c", TEXT + " One more sentence at the end. And another.")])
    assert linked[0].duplicate_of == "a"


def test_dedup_signatures_round_trip_through_bytes():
    minhash = signature(TEXT)
    assert from_bytes(to_bytes(minhash)).jaccard(minhash) == 1.0


def test_dedup_index_from_stored_rows_links_new_copies():
    index = DuplicateIndex.from_rows([("a", to_bytes(signature(TEXT)), None)])
    linked, _ = index.link([_article("b", TEXT + " Extra.")])
    assert linked[0].duplicate_of == "a"


def _build_text(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_dedup_across_builds_looks_up_stored_bands_only(tmp_path):
    import sqlite3

    import storyline

    db = tmp_path / "store.db"
    storyline.build([_build_text(tmp_path, "a.txt", "Geneva talks\n\n" + TEXT)], db=db)
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM lsh_bands").fetchone()[0]
    assert rows == 32
    copy = "Geneva talks go on\n\n" + TEXT.replace("number 7 ", "number seven ")
    storyline.build([_build_text(tmp_path, "b.txt", copy)], db=db)
    links = dict(sqlite3.connect(db).execute("SELECT source, duplicate_of FROM articles"))
    first = sqlite3.connect(db).execute("SELECT id FROM articles WHERE source = 'a.txt'")
    assert links == {"a.txt": None, "b.txt": first.fetchone()[0]}


def test_dedup_upgraded_store_gets_its_bands_once(tmp_path):
    import sqlite3

    import storyline

    db = tmp_path / "store.db"
    storyline.build([_build_text(tmp_path, "a.txt", "Geneva talks\n\n" + TEXT)], db=db)
    with sqlite3.connect(db) as conn:  # as a store from before bands were kept
        conn.execute("DELETE FROM lsh_bands")
        conn.execute("INSERT INTO store_tasks (name) VALUES ('lsh_bands')")
    copy = "Geneva talks go on\n\n" + TEXT + " The post appeared first on X."
    storyline.build([_build_text(tmp_path, "b.txt", copy)], db=db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM store_tasks").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] == 64
    duplicate = conn.execute("SELECT duplicate_of FROM articles WHERE source = 'b.txt'")
    assert duplicate.fetchone()[0] is not None
