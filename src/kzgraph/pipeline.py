"""The build: read articles, extract, emit one graph. Returns its triples and counts.

Reading finds every problem of the inputs before anything is extracted: ``build_corpus``
refuses a corpus with problems unless told to keep going, in which case it builds from
the files that could be read and records the others as skipped. What was read waits on
disk, and the build takes it back a batch of files at a time, so the memory a build holds
does not grow with the text of the corpus.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from kzgraph.corpus import Article, read_source, split_text
from kzgraph.errors import CorpusError, ExtractionError, NotEnglishError
from kzgraph.inputs import find_sources, shown
from kzgraph.namespaces import KZ, bind_namespaces
from kzgraph.sidecar import SidecarError
from kzgraph.spill import Spool
from kzgraph.stores import serialize_turtle, write_text_atomic
from kzgraph.triplefile import TripleFile
from kzgraph.turtle import sorted_lines_turtle

if TYPE_CHECKING:
    import multiprocessing.pool

    from spacy.language import Language

    from kzgraph.cache import ExtractionCache
    from kzgraph.emit import GraphEmitter
    from kzgraph.extract.model import ArticleExtraction

SHARES_PER_JOB = 4  # each process takes about this many shares of the text, one after another
CHUNK_CHARACTERS = 250_000  # and a share holds no more text than this (what a process holds at once)
BATCH_CHARACTERS = 4_000_000  # text read back and extracted at once (the build holds no more than this)

COUNTED_CLASSES = ("Article", "Person", "State", "Organization", "Post", "Visit", "Meeting", "Agreement")


@dataclass
class BuildResult:
    """What a build made: the triples of the graph, kept on disk (``graph`` loads them in rdflib)."""

    triples: TripleFile
    files: int
    articles: int
    characters: int
    triple_count: int
    class_counts: Counter[str]  # members of each class, by the class as N-Triples writes it
    skipped: list[CorpusError] = field(default_factory=list)
    cached: int = 0  # files whose extractions came from the cache

    @cached_property
    def graph(self) -> Graph:
        """The triples as an rdflib graph with kzgraph's prefixes."""
        graph = bind_namespaces(Graph())
        graph.addN((s, p, o, graph) for s, p, o in self.triples)
        return graph

    def turtle(self) -> str:
        """The graph as canonical Turtle (see ``stores.serialize_turtle``)."""
        with collector_paused():
            return "".join(self._turtle_pieces())

    def write_turtle(self, path: Path, *, inputs: Iterable[Path] = ()) -> None:
        """Write ``turtle()`` to path atomically, never over one of inputs, without holding
        the whole text (nor every triple) at once."""
        with collector_paused():
            write_text_atomic(path, self._turtle_pieces(), inputs=inputs)

    def _turtle_pieces(self) -> Iterable[str]:
        pieces = sorted_lines_turtle(self.triples.lines, bind_namespaces(Graph()).namespace_manager)
        return pieces if pieces is not None else [serialize_turtle(self.graph)]

    def counts(self) -> dict[str, int]:
        """Number of nodes of each class, plus triples."""
        counts = {name: self.class_counts[KZ[name].n3()] for name in COUNTED_CLASSES}
        counts["triples"] = self.triple_count
        return counts


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, and restore it on leaving.

    A build makes hardly any reference cycles (the few it makes are collected once the
    collector runs again), but it keeps many objects alive, which the collector would
    otherwise scan over and over.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class CorpusProblems(CorpusError):
    """Inputs that cannot be read, each with its one-line message (``problems``)."""

    def __init__(self, problems: list[CorpusError]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Corpus:
    """What reading the inputs gave: every file found to read, the files read, how many
    articles and characters of text they hold, files skipped with a warning (not text, not
    English), problems (files that cannot be read), and the extraction cache it was read
    with, if any. The articles themselves wait in a spool (on disk past a few MB) until the
    build takes them, file by file (``by_file``): a corpus is built once."""

    found: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    article_count: int = 0
    warnings: list[str] = field(default_factory=list)
    problems: list[CorpusError] = field(default_factory=list)
    cache: ExtractionCache | None = None
    _articles: Spool = field(default_factory=Spool, repr=False)
    _sizes: dict[Path, int] = field(default_factory=dict, repr=False)

    def add(self, path: Path, articles: list[Article]) -> None:
        """The articles read from the file at path."""
        self.files.append(path)
        self.article_count += len(articles)
        self._sizes[path] = sum(len(article.body) for article in articles)
        self._articles.add((path, articles))

    @property
    def characters(self) -> int:
        """The characters of text in all the articles read."""
        return sum(self._sizes.values())

    def size(self, path: Path) -> int:
        """The characters of text in the articles of the file read at path."""
        return self._sizes[path]

    def by_file(self) -> Iterator[tuple[Path, list[Article]]]:
        """Each file read with its articles, in order; once."""
        return self._articles.drain()


def read_corpus(inputs: Iterable[Path | str], *, cache: ExtractionCache | None = None) -> Corpus:
    """Read every file of inputs (files or folders), collecting all problems. With a
    cache (see ``kzgraph.cache``), a file it holds is taken from it, and the build of the
    corpus takes its extractions from there too."""
    listing = find_sources(inputs)
    corpus = Corpus(found=[source.path for source in listing.sources], warnings=list(listing.skipped),
                    problems=list(listing.problems), cache=cache)
    for source in listing.sources:
        try:
            articles = cache.read(source) if cache else read_source(source)
        except NotEnglishError as e:
            corpus.warnings.append(f"{e}; skipped")
            continue
        except CorpusError as e:
            corpus.problems.append(e)
            continue
        corpus.add(source.path, articles)
    return corpus


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


_worker_nlp: Callable[[], Language] | None = None  # how a forked worker gets its pipeline (loaded once:
# inherited when the parent had loaded it; a failure to load it is raised in the parent)


def _extract_chunk(articles: list[Article]) -> list[ArticleExtraction | ExtractionError]:
    return list(_read_with(_worker_nlp(), articles))


def _read_with(nlp: Language, articles: list[Article]) -> Iterator[ArticleExtraction | ExtractionError]:
    """What nlp finds in each article, in order; an article longer than ``nlp.max_length``
    is read in pieces, whose findings are joined."""
    split = [_pieces(article, nlp.max_length) for article in articles]
    found = _guarded(nlp, [piece for parts in split for piece in parts])
    for parts in split:
        joined = [next(found) for _ in parts]
        failed = [f for f in joined if isinstance(f, ExtractionError)]
        yield failed[0] if failed else _joined(joined)


def _guarded(nlp: Language, pieces: list[Article]) -> Iterator[ArticleExtraction | ExtractionError]:
    """What nlp finds in each piece, in order; a piece whose extraction raises gives an
    ExtractionError naming its file (the pieces after it are still extracted: once a
    batch fails, one at a time)."""
    from kzgraph.extract import extract_articles as extract

    done = 0
    try:
        for extraction in extract(nlp, pieces):
            done += 1
            yield extraction
    except Exception:  # noqa: BLE001 - found again below, piece by piece, and reported with its file
        for piece in pieces[done:]:
            try:
                yield next(extract(nlp, [piece]))
            except Exception as exc:  # noqa: BLE001 - any failure of the extractor is the file's error
                cause = " ".join(f"{type(exc).__name__}: {exc}".split())
                yield ExtractionError(f"{shown(piece.source)}: cannot extract article {piece.position + 1} "
                                      f"of the file ({cause})")


def extract_articles(nlp: Language, articles: list[Article], *,
                     progress: Callable[[Article], None] | None = None, jobs: int = 1) -> list[ArticleExtraction]:
    """What nlp (see ``extract.build_nlp``) finds in each article, in order; see ``iter_extractions``."""
    return list(iter_extractions(nlp, articles, progress=progress, jobs=jobs))


def iter_extractions(nlp: Language, articles: list[Article], *,
                     progress: Callable[[Article], None] | None = None, jobs: int = 1) -> Iterator[ArticleExtraction]:
    """What nlp finds in each article, in order, as each is done; progress is called
    after each article. With jobs > 1 the articles are shared among that many processes
    forked once the pipeline has loaded; only their extractions come back. An article
    longer than ``nlp.max_length`` is read in pieces cut between paragraphs (or
    sentences), whose findings are joined. Raises ExtractionError (naming the file) when
    extracting an article fails."""
    with closing(_started(_article_extractions(lambda: nlp, articles, progress, jobs))) as found:
        for extraction in found:
            if isinstance(extraction, ExtractionError):
                raise extraction
            yield extraction


_FORK = "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def _forked(nlp: Callable[[], Language], processes: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of processes forked from this one, which get their pipeline from nlp()."""
    global _worker_nlp
    _worker_nlp = nlp
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=gc.enable) as pool:
            yield pool
    finally:
        _worker_nlp = None


@contextmanager
def _warm_process(nlp: Callable[[], Language]) -> Iterator[multiprocessing.pool.Pool]:
    """One forked process that starts loading the pipeline nlp() gives at once, for a
    build with little to extract: it is ready by the time the build comes to those files."""
    with _forked(nlp, 1) as pool:
        pool.apply_async(_load_pipeline)
        yield pool


def _load_pipeline() -> None:
    _worker_nlp()  # a failure is raised again where the first text is extracted


def _started(work: Generator) -> Generator:
    """work, run to its first ``yield`` (which gives nothing): the processes it starts work
    from now on, while the caller does something else. Close it to stop them."""
    next(work)
    return work


def _article_extractions(nlp: Callable[[], Language], articles: list[Article],
                         progress: Callable[[Article], None] | None, jobs: int,
                         warm: multiprocessing.pool.Pool | None = None,
                         ) -> Generator[ArticleExtraction | ExtractionError | None, None, None]:
    """What the pipeline nlp() gives finds in each article (see ``_read_with``), in order,
    after a first None (see ``_started``). With jobs > 1, forked processes extract: when
    there is little to extract, one process that loads the pipeline itself (the caller
    goes on meanwhile), or the process warm (see ``_warm_process``) when given; else up
    to jobs processes, forked once it has loaded here."""
    total = sum(len(a.body) for a in articles)
    chunks = _shares(articles, max(jobs * SHARES_PER_JOB, -(-total // CHUNK_CHARACTERS)))
    if warm is not None:
        results = warm.imap(_extract_chunk, chunks)
        yield None
        yield from _taken(chunks, results, progress)
    elif jobs > 1 and _FORK:
        if len(chunks) > 1:
            nlp()  # loaded before the processes are forked: they share it
        with _forked(nlp, min(jobs, len(chunks))) as pool:
            results = pool.imap(_extract_chunk, chunks)
            yield None
            yield from _taken(chunks, results, progress)
    else:
        yield None
        yield from _taken([articles], [_read_with(nlp(), articles)], progress)


def _taken(chunks: list[list[Article]], found: Iterable[Iterable[ArticleExtraction | ExtractionError]],
           progress: Callable[[Article], None] | None) -> Iterator[ArticleExtraction | ExtractionError]:
    """The extractions found of each chunk of articles, in order, calling progress after each article."""
    for chunk, extractions in zip(chunks, found):
        for article, extraction in zip(chunk, extractions):
            if progress:
                progress(article)
            yield extraction


def _shares(pieces: list[Article], count: int) -> list[list[Article]]:
    """pieces cut, in order, into about count runs of about the same amount of text (so
    that processes taking them one after another finish at about the same time)."""
    total = sum(len(p.body) for p in pieces) or 1
    shares: list[list[Article]] = [[]]
    done = 0
    for piece in pieces:
        if shares[-1] and done >= total * len(shares) / count:
            shares.append([])
        shares[-1].append(piece)
        done += len(piece.body)
    return shares


def _pieces(article: Article, max_length: int) -> list[Article]:
    """The article, cut into pieces when it is too long for the pipeline (the title
    goes with the first, each but the last ends its last line)."""
    if len(article.title) + 1 + len(article.body) <= max_length:
        return [article]
    cut = split_text(article.body, max_length - len(article.title) - 2)
    return [replace(article, title=article.title if n == 0 else "", body=body if n == len(cut) - 1 else f"{body}\n")
            for n, body in enumerate(cut)]


def _joined(extractions: list[ArticleExtraction]) -> ArticleExtraction:
    """One extraction of an article from those of its pieces (sentence indexes made whole)."""
    from kzgraph.extract.model import ArticleExtraction

    if len(extractions) == 1:
        return extractions[0]
    whole = ArticleExtraction(sentences=[], events=[], posts=[])
    for part in extractions:
        offset = len(whole.sentences)
        whole.sentences.extend(part.sentences)
        whole.events.extend(replace(event, sentence=event.sentence + offset) for event in part.events)
        whole.posts.extend((name, post, index + offset) for name, post, index in part.posts)
    return whole


def build_corpus(corpus: Corpus, *, keep_going: bool = False, progress: Callable[[Article], None] | None = None,
                 nlp: Language | None = None, model: str | None = None, jobs: int = 1) -> BuildResult:
    """Build the knowledge graph of a corpus read by ``read_corpus``. Raises CorpusProblems
    when it has problems, unless keep_going (they are then the result's ``skipped``), and
    CorpusError when it holds no article to build from (a malformed listing of sources is
    never skipped). nlp is the extraction pipeline,
    built on the trained pipeline model (default: the pinned one) when some file needs
    extracting and nlp is not given; progress is called after each article is extracted
    (the slow stage) or taken from the cache; jobs is the number of processes that
    extract. When the corpus was read with a cache (made for the same model), only the
    files it did not hold are extracted, and the cache is updated. The corpus's articles
    are taken from its spool a batch of files at a time: a corpus is built once."""
    from kzgraph.emit import GraphEmitter
    from kzgraph.extract import DEFAULT_MODEL, build_nlp
    from kzgraph.gazetteers import load_gazetteer

    if corpus.problems and not (keep_going and not any(isinstance(p, SidecarError) for p in corpus.problems)):
        raise CorpusProblems(corpus.problems)
    if not corpus.article_count:
        skipped = corpus.warnings or corpus.problems
        raise CorpusError("no texts to build from" + (" (every file was skipped)" if skipped else ""))
    cache = corpus.cache
    skipped = list(corpus.problems)
    built = []  # the number of articles and characters of each file built from
    with collector_paused():
        emitter = GraphEmitter(load_gazetteer())

        @functools.cache
        def pipeline() -> Language:
            loaded = nlp or build_nlp(model or DEFAULT_MODEL)
            gc.disable()  # loading a spaCy pipeline turns the collector on again
            return loaded

        # little to extract beside much from the cache: one process loads the pipeline meanwhile
        fresh = sum(corpus.size(path) for path in corpus.files if not (cache and cache.holds(path)))
        warm = jobs > 1 and _FORK and 0 < fresh <= min(CHUNK_CHARACTERS, corpus.characters - fresh)
        with _warm_process(pipeline) if warm else nullcontext() as process:
            _build_batches(corpus, cache, emitter, pipeline, process, progress, jobs, keep_going, skipped, built)
        if cache:
            cache.finish()
        if not built:
            raise CorpusError("no texts to build from (every file was skipped)")
        pipeline.cache_clear()  # the triples are made without it
        triples = emitter.triples()
    return BuildResult(triples, len(built), sum(count for count, _ in built), sum(size for _, size in built),
                       emitter.triple_count, emitter.class_counts, skipped=skipped, cached=cache.hits if cache else 0)


def _build_batches(corpus: Corpus, cache: ExtractionCache | None, emitter: GraphEmitter,
                   pipeline: Callable[[], Language], warm: multiprocessing.pool.Pool | None,
                   progress: Callable[[Article], None] | None, jobs: int, keep_going: bool,
                   skipped: list[CorpusError], built: list[tuple[int, int]]) -> None:
    """Add the articles of corpus to emitter, a batch of files at a time, each file's
    extractions taken from the cache or extracted (see ``build_corpus``); files whose
    extraction failed go to skipped (with keep_going), the articles and characters of
    each file added to built."""
    for files in _batches(corpus.by_file()):  # only a batch of texts is held at once
        held = [cache is not None and cache.holds(path) for path, _ in files]
        todo = [article for (_, articles), cached in zip(files, held) if not cached for article in articles]
        # started now: what is not in the cache is extracted while the rest is taken from there
        fresh = _started(_article_extractions(pipeline, todo, progress, jobs, warm)) if todo else _none()
        with closing(fresh):  # an error ends the worker processes at once
            for (path, articles), cached in zip(files, held):  # in the corpus's order, extracted as it goes
                found = cache.extractions(path) if cached else None
                if found is None:  # not in the cache, or its entry could not be decoded after all
                    found = [next(fresh) for _ in articles] if not cached else \
                        list(_started(_article_extractions(pipeline, articles, progress, 1)))
                    failed = next((f for f in found if isinstance(f, ExtractionError)), None)
                    if failed is not None and not keep_going:
                        raise failed
                    if failed is not None:
                        skipped.append(failed)
                        continue
                    if cache:
                        cache.put(path, articles, found)
                elif progress:
                    for article in articles:
                        progress(article)
                for article, extraction in zip(articles, found):
                    emitter.add(article, extraction)
                built.append((len(articles), sum(len(a.body) for a in articles)))


def _batches(files: Iterable[tuple[Path, list[Article]]]) -> Iterator[list[tuple[Path, list[Article]]]]:
    """files in runs, in order, of about ``BATCH_CHARACTERS`` of text each."""
    batch, size = [], 0
    for path, articles in files:
        batch.append((path, articles))
        size += sum(len(article.body) for article in articles)
        if size >= BATCH_CHARACTERS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _none() -> Iterator:
    """Nothing, as a generator (which can be closed)."""
    yield from ()


def build_graph(inputs: Iterable[Path | str], *, progress: Callable[[Article], None] | None = None,
                nlp: Language | None = None, model: str | None = None, jobs: int = 1) -> BuildResult:
    """Build the knowledge graph of the texts in inputs (files or folders); see ``build_corpus``."""
    return build_corpus(read_corpus(inputs), progress=progress, nlp=nlp, model=model, jobs=jobs)
