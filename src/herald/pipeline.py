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
:func:`run` runs everything into a store; :func:`warm_up` loads every stage's resources up front.
``herald.scale`` runs :func:`code_paths` per shard on Dask.

The stage contract. Stages 3-9 are listed once, in :data:`STAGES`, and the orchestrator runs each
the same way (:func:`run_stage`): a stage raises when a document defeats it, and the orchestrator
then clears that stage's outputs on the document (``Stage.reset``), appends
``"<stage>: <ExceptionType>: <message>"`` to ``doc.warnings``, logs it once (logger
``herald.pipeline``) and goes on with the next document. ``status`` stays ``"ok"``: the document
keeps what the other stages found. ``status="error"`` is for inputs that could not be read or
extracted at all (stages 1-2). A stage that catches its own failure and writes it into ``doc.error``
while leaving ``status`` ok (the events stage's older convention) is read the same way.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from herald import actors, events, extract, ingest, nlp, places, quotes, stories, time
from herald.models import Document

if TYPE_CHECKING:
    from herald.store import Store

log = logging.getLogger(__name__)

StageFn = Callable[[Iterable[Document]], Iterable[Document]]


@dataclass(frozen=True)
class Stage:
    """One stage as the orchestrator runs it: its name (the prefix of its warnings), the stage
    function (``Iterable[Document] -> Iterator[Document]``, documents in input order) and what a
    failure leaves on a document (``reset`` clears the fields the stage fills)."""

    name: str
    run: StageFn
    reset: Callable[[Document], None]


def _reset_parse(doc: Document) -> None:
    doc.nlp = None


def _reset_actors(doc: Document) -> None:
    doc.mentions = []


def _reset_quotes(doc: Document) -> None:
    doc.quotes = []


def _reset_events(doc: Document) -> None:
    doc.events = []
    doc.plover_type = doc.plover_confidence = None


def _reset_time(doc: Document) -> None:
    d = doc.dates
    d.event_date, d.events_between, d.evidence, d.stale = None, [None, None], [], False
    for e in doc.events:
        e.date = None


def _reset_places(doc: Document) -> None:
    doc.places, doc.dateline = [], None
    for e in doc.events:
        e.location = None


def _reset_story(doc: Document) -> None:
    doc.story_id = None


# Module attributes are looked up at call time, so a stage replaced on its module (a test's
# monkeypatch, a stage reloaded) is the one that runs.
STAGES: tuple[Stage, ...] = (
    Stage("parse", lambda docs: nlp.parse(docs), _reset_parse),
    Stage("actors", lambda docs: actors.resolve(docs), _reset_actors),
    Stage("quotes", lambda docs: quotes.attribute(docs), _reset_quotes),
    Stage("events", lambda docs: events.code(docs), _reset_events),
    Stage("time", lambda docs: time.date(docs), _reset_time),
    Stage("places", lambda docs: places.locate(docs), _reset_places),
)
STORY_STAGE_NAME = "stories"


def mark_failure(doc: Document, stage: str, exc: BaseException | str) -> None:
    """Record that ``stage`` failed on ``doc``: one warning on the document, one log line."""
    why = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    doc.warnings.append(f"{stage}: {why}")
    log.warning("%s: %s failed: %s", doc.id, stage, why)


def run_stage(stage: Stage, docs: list[Document]) -> list[Document]:
    """Run ``stage`` over ``docs`` (in place, same order) under the stage contract.

    The stage first sees the whole list (stages batch: the parse, the learned coder). If it raises,
    the documents it had already handed back are done, and the rest are run again one at a time, so
    the failing document is found, reset and marked, and the others are coded as usual.
    """
    errors = [d.error for d in docs]
    done = 0
    try:
        for _ in stage.run(docs):
            done += 1
    except Exception as exc:  # noqa: BLE001 - the contract: a stage never stops a batch
        if len(docs) == 1:
            stage.reset(docs[0])
            mark_failure(docs[0], stage.name, exc)
        for doc in docs[done:] if len(docs) > 1 else ():
            try:
                for _ in stage.run([doc]):
                    pass
            except Exception as exc:  # noqa: BLE001
                stage.reset(doc)
                mark_failure(doc, stage.name, exc)
    for doc, before in zip(docs, errors, strict=True):
        if doc.status == "ok" and doc.error is not None and doc.error != before:
            why = doc.error.removeprefix(f"{stage.name}: ")
            doc.error = before
            stage.reset(doc)
            mark_failure(doc, stage.name, why)
    return docs


def analyse(docs: Iterable[Document], chunk: int = nlp.BATCH) -> Iterator[Document]:
    """Stages 3-8 over extracted documents; documents that are not ok pass through untouched.

    Each chunk of documents runs inside a spaCy memory zone: the strings and lexemes spaCy adds for
    new words are freed when the chunk is done (by then every stage has copied what it needs into
    plain Python objects and ``doc.nlp`` is released), so a long stream's memory stays flat.
    """
    model = nlp.load()
    for batch in batched(docs, chunk):
        with model.memory_zone():
            for stage in STAGES:
                run_stage(stage, batch)
            for doc in batch:
                doc.nlp = None  # release the spaCy Doc: nothing after these stages needs it
        yield from batch


def assign_stories(docs: Iterable[Document], index: stories.StoryIndex) -> Iterator[Document]:
    """Stage 9 under the stage contract: a document the story index fails on keeps no
    ``story_id``, is marked, and the stream goes on (the index is incremental, so this stage runs
    one document at a time and keeps the stream lazy)."""
    stage = Stage(STORY_STAGE_NAME, lambda ds: stories.assign(ds, index), _reset_story)
    for doc in docs:
        run_stage(stage, [doc])
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
    return assign_stories(analyse(extract_paths(paths, reference_date)), index)


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
    return assign_stories(analyse(extract.extract(raws, reference_date)), index)


WARM_TEXT = (
    "GENEVA, March 3 - The foreign minister of France said on Monday that the army would not attack "
    'the town, and the United Nations urged both sides to talk. "We will meet them in Geneva next '
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
    warned: int = 0  # documents stored with a stage failure in ``warnings``
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
        store_documents(
            extract_paths(paths, reference_date), store, summary, analyse, batch_size, on_document
        )
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

    for batch in batched(assign_stories(analyse_fn(fresh(docs)), index), batch_size):
        store.write(batch)
        for doc in batch:
            summary.added += 1
            summary.errors += doc.status == "error"
            summary.skipped += doc.status == "skipped"
            summary.warned += bool(doc.warnings)
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
