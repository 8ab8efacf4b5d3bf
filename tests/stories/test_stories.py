"""Stories: copies of one article (other boilerplate, small edits) share a story; others do not."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from herald.extract.run import content_hash
from herald.models import Document
from herald.stories import StoryIndex, assign, minhash

DATA = Path(__file__).resolve().parents[1] / "data" / "stories"
ARTICLES = sorted(DATA.glob("*.txt"))

WRAP_A = (
    "World Brief | Home | Politics | Business\nAdvertisement\n\n{title}\n\nBy staff | Share  Tweet  Email\n\n"
    "{body}\n\nRelated stories\nMarkets slide as oil falls\nComments (4)\nLeave a reply"
)
WRAP_B = (
    "THE COURIER\nSubscribe for $1 a week\n\n{title}\n\n{body}\n\nThis article originally appeared on "
    "another site. Republished with permission.\nShare on Facebook\n(c) 2024 All rights reserved."
)


def article(path: Path) -> tuple[str, str]:
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return title.strip(), body.strip()


def drop_paragraph(body: str, which: int = 2) -> str:
    paras = body.split("\n\n")
    del paras[which]
    return "\n\n".join(paras)


def change_words(body: str, share: float, seed: int) -> str:
    rng = random.Random(seed)
    words = body.split(" ")
    for i in rng.sample(range(len(words)), max(1, int(len(words) * share))):
        words[i] = rng.choice(["also", "reportedly", "officials", "again", "several"])
    return " ".join(words)


def doc(i: int, text: str) -> Document:
    return Document(id=f"d{i}", source=f"d{i}", text=text, content_hash=content_hash(text))


def group(texts: list[str], index: StoryIndex | None = None) -> list[str | None]:
    return [d.story_id for d in assign([doc(i, t) for i, t in enumerate(texts)], index or StoryIndex())]


def test_tokens_match_the_regex_words() -> None:
    text = "Lavrov’s “answer”: NATO-Russia ties, 10-year-old Rome Declaration; Zürich ÉTÉ  naïve_word 3.5%"
    hashes = minhash.word_hashes(text)
    words = minhash.words(text)
    assert len(hashes) == len(words) == 16
    by_word: dict[str, int] = {}
    for w, h in zip(words, hashes.tolist(), strict=True):
        assert by_word.setdefault(w, h) == h  # one word, one hash
    assert len(set(hashes.tolist())) == len(set(words))
    assert minhash.word_hashes("ZÜRICH")[0] == minhash.word_hashes("zürich")[0]  # case folded


def test_signature_estimates_jaccard() -> None:
    rng = np.random.default_rng(0)
    universe = rng.integers(0, 2**63, size=3000, dtype=np.uint64)
    for overlap in (0.1, 0.5, 0.9):
        k = int(1000 * overlap)
        a, b = universe[:1000], universe[1000 - k : 2000 - k]
        true = k / (2000 - k)
        est = minhash.similarity(minhash.signature(minhash._mix(a)), minhash.signature(minhash._mix(b)))
        assert abs(est - true) < 0.12, (overlap, true, est)


def test_signatures_are_stable_across_processes() -> None:
    import subprocess
    import sys

    code = (
        "from herald.stories import minhash; "
        "print(minhash.text_signature('Russia and NATO met in Lisbon today')[:4].tolist())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(minhash.text_signature("Russia and NATO met in Lisbon today")[:4].tolist())


def test_copies_with_other_boilerplate_and_edits_join_one_story() -> None:
    texts, gold = [], []
    for n, path in enumerate(ARTICLES):
        title, body = article(path)
        texts += [
            f"{title}\n\n{body}",
            WRAP_A.format(title=title, body=drop_paragraph(body)),
            WRAP_B.format(title=title, body=change_words(body, 0.03, seed=n)),
        ]
        gold += [n, n, n]
    stories = group(texts)
    for n in range(len(ARTICLES)):
        assert len({s for s, g in zip(stories, gold, strict=True) if g == n}) == 1, ARTICLES[n].name
    assert len(set(stories)) == len(ARTICLES)  # distinct articles stay apart


def test_distinct_articles_sharing_boilerplate_stay_apart() -> None:
    texts = [WRAP_A.format(title=article(p)[0], body=article(p)[1]) for p in ARTICLES]
    assert len(set(group(texts))) == len(ARTICLES)


def test_story_is_named_after_its_first_document_and_is_order_stable() -> None:
    title, body = article(ARTICLES[0])
    texts = [body, WRAP_B.format(title=title, body=body)]
    first, second = group(texts)
    assert first == second == content_hash(body)[:16]
    assert group(texts) == [first, second]  # deterministic


def test_documents_that_are_not_ok_get_no_story() -> None:
    bad = Document(id="x", source="x", status="error", error="no such file")
    skipped = Document(
        id="y", source="y", status="skipped", text="Ceci n'est pas un article", content_hash="abc"
    )
    out = list(assign([bad, skipped], StoryIndex()))
    assert [d.story_id for d in out] == [None, None]


def test_empty_text_never_matches() -> None:
    index = StoryIndex()
    a = index.add("a", "h1", "")
    b = index.add("b", "h2", "  ... ")
    assert a != b


def test_index_rebuilt_from_a_store_joins_new_copies_to_old_stories(tmp_path: Path) -> None:
    from herald.store import Store

    db = str(tmp_path / "s.duckdb")
    title, body = article(ARTICLES[1])
    first = doc(0, body)
    first.title = title
    with Store(db) as store:
        store.write(list(assign([first], store.story_index())))
    with Store(db) as store:  # a new process would do the same: the index comes from the file
        index = store.story_index()
        assert len(index) == 1
        later = doc(1, WRAP_A.format(title=title, body=drop_paragraph(body)))
        other = doc(2, article(ARTICLES[2])[1])
        store.write(list(assign([later, other], index)))
    assert later.story_id == first.story_id
    assert other.story_id != first.story_id


def test_the_store_regroups_documents_grouped_elsewhere(tmp_path: Path) -> None:
    """A Dask worker groups with its own index; the store's index decides the final story."""
    from herald.store import Store

    title, body = article(ARTICLES[3])
    a, b = doc(0, body), doc(1, WRAP_B.format(title=title, body=body))
    list(assign([a], StoryIndex()))
    list(assign([b], StoryIndex()))  # another worker: founds its own story
    assert a.story_id != b.story_id
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write([a])
        store.write([b])
        assert store.stories()["num_documents"].tolist() == [2]
    assert a.story_id == b.story_id


@pytest.mark.parametrize("threshold", [0.3])
def test_threshold_separates_copies_from_same_topic_articles(threshold: float) -> None:
    """Two different articles on one topic share words, not 5-word runs: far below the threshold."""
    sims = []
    bodies = [article(p)[1] for p in ARTICLES]
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            sims.append(
                minhash.similarity(minhash.text_signature(bodies[i]), minhash.text_signature(bodies[j]))
            )
    assert max(sims) < threshold / 2
    title, body = article(ARTICLES[0])
    copy = WRAP_A.format(title=title, body=change_words(drop_paragraph(body), 0.03, seed=1))
    assert minhash.similarity(minhash.text_signature(body), minhash.text_signature(copy)) > threshold


def test_band_table_runs_give_the_same_stories_as_the_in_memory_dict(monkeypatch) -> None:
    """Flushing band keys into sorted numpy runs must not change a single assignment."""
    import random

    from herald.stories import index as story_index

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(3000)]
    originals = [" ".join(rng.choice(vocab) for _ in range(120)) for _ in range(60)]
    texts = []
    for i, t in enumerate(originals):
        texts.append(t)
        words = t.split()
        words[i % 100] = "changed"
        texts.append(" ".join(words[:-10]))  # a near copy: one word changed, the end dropped

    def stories(flush: int) -> list[str]:
        monkeypatch.setattr(story_index._BandTable, "FLUSH", flush)
        idx = story_index.StoryIndex()
        return [idx.add(str(i), f"h{i:04d}", t) for i, t in enumerate(texts)]

    in_memory = stories(10**9)
    assert stories(100) == in_memory  # many small runs, merged as they grow
    assert len(set(in_memory)) == len(originals)  # each copy joined its original's story


def near_copies(n: int, seed: int) -> list[str]:
    """``n`` texts: random 80-word articles, every third followed by a copy with one word changed."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    texts: list[str] = []
    while len(texts) < n:
        words = [rng.choice(vocab) for _ in range(80)]
        texts.append(" ".join(words))
        if len(texts) % 3 == 0:
            words[rng.randrange(80)] = "changed"
            texts.append(" ".join(words))
    return texts[:n]


def test_signatures_in_small_blocks_give_the_same_stories(monkeypatch) -> None:
    """Signatures stored across many blocks: same verification, same stories, same stored bytes."""
    from herald.stories import index as story_index

    texts = near_copies(400, seed=11)

    def run(block: int) -> tuple[list[str], list[bytes]]:
        monkeypatch.setattr(story_index._Signatures, "BLOCK", block)
        monkeypatch.setattr(story_index._BandTable, "FLUSH", 500)
        idx = story_index.StoryIndex()
        out = [idx.add(str(i), f"h{i:04d}", t) for i, t in enumerate(texts)]
        sigs = idx.signature_of("h0123"), idx.take_signature("h0399"), idx.take_signature("h0399")
        assert sigs[2] is None  # handed over once
        return out, [s.tobytes() for s in sigs[:2] if s is not None]

    one_block = run(10**6)
    assert run(7) == one_block
    assert len(set(one_block[0])) < len(texts) * 0.8  # the copies joined their originals
    assert one_block[1][0] == minhash.text_signature(texts[123]).tobytes()


def test_index_memory_per_document_stays_small() -> None:
    """The index holds a signature, band keys and a content hash per document: about 1.5 KB, not
    the 3 KB and more that a dict of band keys or a doubling signature array cost."""
    import tracemalloc

    texts = near_copies(3000, seed=5)
    hashes = [f"{i:064x}" for i in range(len(texts))]
    idx = StoryIndex()
    idx.add("warm", "warm", texts[0])  # lazily built tables (fold table, permutations) are not the index
    tracemalloc.start()
    try:
        for i, (h, t) in enumerate(zip(hashes, texts, strict=True)):
            idx.add(str(i), h, t)
        size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size / len(texts) < 1800, f"{size / len(texts):.0f} bytes a document"
    assert peak / len(texts) < 2600, f"peak {peak / len(texts):.0f} bytes a document"
