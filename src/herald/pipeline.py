"""herald's pipeline: raw news in, evidence-backed political event data out.

The flow, one stage per subpackage, each a plain function ``Iterable[In] -> Iterator[Out]`` so the
same code runs in a local loop and inside a Dask task:

1. ``ingest.read(paths)``           files, folders, globs -> :class:`RawDocument` (txt, html, gz,
                                     warc, jsonl, rss/atom); bad files become records with ``error``.
2. ``extract.extract(raws)``        -> :class:`Document`: clean article text, title, page dates
                                     (published/updated), language; boilerplate lines kept apart.
3. ``nlp.parse(docs)``              spaCy parse attached as ``doc.nlp`` (model loaded once per process).
4. ``actors.resolve(docs)``         mentions -> actors (countries, organisations, people with roles
                                     that hold at the story's date).
5. ``quotes.attribute(docs)``       direct and reported speech with resolved speakers.
6. ``events.code(docs)``            PLOVER/CAMEO events with source, target, sentence and offsets;
                                     events said inside a quote belong to its speaker.
7. ``time.date(docs)``              when the events happened (window, best estimate, evidence) and
                                     whether the page is stale (republished long after).
8. ``places.locate(docs)``          where: the dateline and each event's location.
9. ``stories.assign(docs, index)``  near-duplicate clustering -> ``story_id``.
10. ``store.Store.write(batch)``     DuckDB, committed in batches (idempotent, resumable).

:func:`analyse` runs stages 3-8 on extracted documents; :func:`code` runs 1-9 without storing;
:func:`run` runs everything into a store; :func:`warm_up` loads every stage's resources up front. ``herald.scale`` runs :func:`code_paths` per shard on Dask.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from herald import actors, events, extract, ingest, nlp, places, quotes, stories, time
from herald.models import Document

if TYPE_CHECKING:
    from herald.store import Store


def analyse(docs: Iterable[Document], chunk: int = nlp.BATCH) -> Iterator[Document]:
    """Stages 3-8 over extracted documents; documents that are not ok pass through untouched.

    Each chunk of documents runs inside a spaCy memory zone: the strings and lexemes spaCy adds for
    new words are freed when the chunk is done (by then every stage has copied what it needs into
    plain Python objects and ``doc.nlp`` is released), so a long stream's memory stays flat.
    """
    model = nlp.load()
    for batch in batched(docs, chunk):
        with model.memory_zone():
            done = list(_stages(batch))
        yield from done


def _stages(docs: Iterable[Document]) -> Iterator[Document]:
    parsed = nlp.parse(docs)
    resolved = actors.resolve(parsed)
    quoted = quotes.attribute(resolved)
    coded = events.code(quoted)
    dated = time.date(coded)
    located = places.locate(dated)
    for doc in located:
        doc.nlp = None  # release the spaCy Doc: nothing after this stage needs it
        yield doc


def extract_paths(paths: Iterable[str], reference_date: str | None = None) -> Iterator[Document]:
    """Stages 1-2: extraction only (``herald extract``)."""
    return extract.extract(ingest.read(paths), reference_date=reference_date)


def code_paths(
    paths: Iterable[str],
    reference_date: str | None = None,
    story_index: stories.StoryIndex | None = None,
) -> Iterator[Document]:
    """Stages 1-9 on files: coded documents in input order, nothing stored (``herald code``)."""
    index = story_index if story_index is not None else stories.StoryIndex()
    return stories.assign(analyse(extract_paths(paths, reference_date)), index)


def code_texts(texts: Iterable[str], reference_date: str | None = None) -> Iterator[Document]:
    """Code texts given in memory (scraped text; HTML is detected by its markup)."""
    from herald.models import RawDocument

    raws = (
        RawDocument(
            id=str(i),
            source=f"<text {i}>",
            kind="text",
            content=t,
            content_type="html" if t.lstrip()[:1] == "<" else "text",
        )
        for i, t in enumerate(texts)
    )
    index = stories.StoryIndex()
    return stories.assign(analyse(extract.extract(raws, reference_date)), index)


WARM_TEXT = (
    "GENEVA, March 3 - The foreign minister of France said on Monday that the army would not attack "
    "the town, and the United Nations urged both sides to talk. \"We will meet them in Geneva next "
    "week,\" he said. NATO's secretary general visited Kabul in 2010."
)


def warm_up(freeze: bool = True) -> None:
    """Load every stage's resources in this process now, by coding one short built-in text: the
    spaCy model, the actor knowledge base and matcher, the lexicons, the time tables, the gazetteer.

    For a process that will code many documents (``herald code``/``herald run``, each Dask worker).
    With ``freeze``, the collector is paused while they load and everything loaded is then moved
    out of its sight (``gc.freeze``): they live as long as the process anyway, and every full
    collection would otherwise walk their millions of objects again. A process-wide decision, so
    the library never does this on its own; the CLI and the Dask workers do.
    """
    import contextlib
    import gc

    from herald.memory import collector_paused

    with collector_paused() if freeze else contextlib.nullcontext():
        for _ in code_texts([WARM_TEXT], reference_date="2010-11-20"):
            pass
        if freeze:
            gc.freeze()


@dataclass
class RunSummary:
    """What a ``herald run`` did."""

    db: str
    seen: int = 0  # input records read
    added: int = 0  # documents newly stored
    unchanged: int = 0  # already stored with the same content (skipped: idempotent re-run)
    errors: int = 0
    skipped: int = 0
    quotes: int = 0
    events: int = 0
    error_samples: list[str] = field(default_factory=list)


def run(
    paths: Iterable[str],
    db: str = "herald.duckdb",
    reference_date: str | None = None,
    batch_size: int = 25,
    on_document: Callable[[Document], None] | None = None,
) -> RunSummary:
    """The main job: code every input and store it, committing every ``batch_size`` documents.

    Re-running on the same input adds nothing; a run that was killed resumes where its last
    committed batch ended, because documents already stored are recognised before parsing.
    """
    from herald.store import Store

    summary = RunSummary(db=db)
    with Store(db) as store:
        store_documents(extract_paths(paths, reference_date), store, summary, analyse, batch_size, on_document)
    return summary


def store_documents(
    docs: Iterable[Document],
    store: Store,
    summary: RunSummary,
    analyse_fn: Callable[[Iterable[Document]], Iterable[Document]] = analyse,
    batch_size: int = 25,
    on_document: Callable[[Document], None] | None = None,
) -> None:
    """Skip documents the store already holds, analyse the rest, assign stories, write in batches.

    Shared by the local runner (``analyse_fn=analyse``) and the Dask runner (whose workers have
    already analysed the documents, so it passes an identity function).
    """
    index = store.story_index()

    def fresh(items: Iterable[Document]) -> Iterator[Document]:
        for doc in items:
            summary.seen += 1
            if store.has(doc):
                summary.unchanged += 1
                if on_document:
                    on_document(doc)
                continue
            yield doc

    for batch in batched(stories.assign(analyse_fn(fresh(docs)), index), batch_size):
        store.write(batch)
        for doc in batch:
            summary.added += 1
            summary.errors += doc.status == "error"
            summary.skipped += doc.status == "skipped"
            summary.quotes += len(doc.quotes)
            summary.events += len(doc.events)
            if doc.status == "error" and len(summary.error_samples) < 20:
                summary.error_samples.append(f"{doc.id}: {doc.error}")
            if on_document:
                on_document(doc)


def batched(items: Iterable[Document], n: int) -> Iterator[list[Document]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, n)):
        yield chunk
