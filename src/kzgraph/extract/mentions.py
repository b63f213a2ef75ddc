"""Finding the actors of a sentence: states, organizations, persons and their posts.

Works on the tokens of one sentence (``tokens.TokenDoc``) whose gazetteer matches
``kz_gazetteer`` has set (labels STATE, DEMONYM, CAPITAL, CITY, ORG, POST). Persons are
found from anchors that news prose gives them: a post title before or after the name, an
honorific, a verb of speech or action, or a name already known from the article or the
corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from kzgraph.extract.lexicon import Lexicon
from kzgraph.extract.model import Mention, PersonMention, Post, Ref, body_state
from kzgraph.extract.patterns import post_plurals
from kzgraph.extract.tokens import Span, Token, TokenDoc
from kzgraph.extract.vocab import Vocabulary
from kzgraph.gazetteers import Gazetteer
from kzgraph.officeholders import load_office_holders

_INITIAL = re.compile(r"^[A-Z]\.$")
_INITIAL_SURNAME = re.compile(r"^[A-Z]\.\s?[A-Z][^\W\d_]")
_ROMAN = re.compile(r"^(?=..)X{0,3}(?:IX|IV|V?I{0,3})$")  # regnal numbers II to XXXIX
_PREPOSITIONS = ("of", "for", "to", "at", "in", "on")
_POSSESSIVES = ("'s", "’s", "'", "’")
_HYPHENS = {"-", "‑", "–"}
_SIDES = ("STATE", "DEMONYM", "ORG")
_NATIONAL_BODY_HEADS = ("Ministry", "Senate", "Parliament", "Majilis", "Mazhilis", "Congress",
                        "Government", "Constitutional Court", "Supreme Court", "Cabinet")


# "the Islamic Cooperation Youth Forum (ICYF)": a name, then its acronym in brackets
_SPELLED_OUT = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|on|the|in|de|des)\s+)*)+[A-Z][\w’'-]*)\s*\(([A-Z][A-Z&]{1,9})\)")


def _name_key(name: str) -> str:
    return " ".join(w for w in re.sub(r"[^\w]+", " ", name.lower()).split() if w != "the")


@dataclass
class SentenceMentions:
    """The mentions of one sentence: actors standing on their own, and nested ones
    (inside an organization's name or a post title) that count as references only."""

    actors: list[Mention] = field(default_factory=list)
    nested: list[Mention] = field(default_factory=list)
    titles: list[tuple[int, int, Post]] = field(default_factory=list)  # unnamed titles (token offsets)


_PLACE_BEFORE = frozenset({"at", "in", "inside", "outside", "near"})
"""Words after which a name is where something happens, not who: "at Palazzo Chigi"."""


def ent_start(doc: TokenDoc, i: int) -> int:
    """Index of the first token of the entity token i belongs to."""
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return i


def ent_end(doc: TokenDoc, i: int) -> int:
    """Index after the last token of the entity token i belongs to."""
    i += 1
    while i < len(doc) and doc[i].ent_iob_ == "I":
        i += 1
    return i


def is_capitalised(token: Token) -> bool:
    """A word that starts with a capital and has a lower-case letter, or an initial."""
    return _capitalised(token.text)


@cache
def _capitalised(text: str) -> bool:
    if _INITIAL.match(text) or _INITIAL_SURNAME.match(text):
        return True
    return text[:1].isupper() and any(c.islower() for c in text)


class MentionFinder:
    """Finds the mentions of sentences, given the world knowledge and the texts' vocabulary."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, vocabulary: Vocabulary,
                 dictionary: frozenset[str] = frozenset()) -> None:
        self.gaz, self.lex, self.vocab = gazetteer, lexicon, vocabulary
        self.dictionary = dictionary  # common words of English (the trained lemmatizer's)
        self.non_names = lexicon["capitalized_non_names"] | lexicon["honorifics"]
        self.particles = lexicon["name_particles"]
        self.org_heads = lexicon["org_heads"]
        self.modifiers = lexicon["title_modifiers"]
        self.plurals = {plural.lower(): name for plural, name in post_plurals(gazetteer).items()}
        self.honorifics, self.kin_words = lexicon["honorifics"], lexicon["kin_words"]
        self.person_verbs, self.org_modifier_stop = lexicon["person_verbs"], lexicon["org_modifier_stop"]
        self.name_titles = lexicon["name_titles"]

    # ---------------------------------------------------------------- organizations

    def organization_spans(self, sent: Span, taken: set[int]) -> list[tuple[int, int]]:
        """Token spans (absolute offsets) of organizations named by pattern: a capitalised
        phrase built on an institutional head noun ("Caspian Policy Center", "Ministry of
        Foreign Affairs of the Republic of Kazakhstan", "University of Liège")."""
        doc, spans = sent.doc, []
        i = sent.start
        while i < sent.end:
            token = doc[i]
            if token.text not in self.org_heads or not token.text[:1].isupper() or i in taken or token.ent_type_:
                i += 1
                continue
            start = i
            while start - 1 >= sent.start and self._org_modifier(doc, start - 1):
                start -= 1
            end = self._extend_complements(doc, i + 1, sent.end)
            if end < sent.end:
                end = self._between(doc, end, sent.end)
            named = end > i + 1 or start < i
            if named or self._standalone_body(doc, i):
                if not any(k in taken for k in range(start, end)) or named:
                    spans.append((start, end))
            i = max(end, i + 1)
        return spans

    def _org_modifier(self, doc: TokenDoc, i: int) -> bool:
        """A word that may stand before an organization's head noun: a capitalised word,
        or a state or demonym joined by a hyphen ("Kazakh-German Business Council")."""
        token = doc[i]
        text = token.text
        if text in _HYPHENS:
            return i > 0 and (not doc[i - 1].whitespace_ and not token.whitespace_ or self._paired(doc, i))
        if token.ent_type_ in ("DEMONYM", "STATE", "CAPITAL"):
            joined_after = i + 1 < len(doc) and doc[i + 1].text in _HYPHENS and (
                not token.whitespace_ or self._paired(doc, i + 1))
            joined_before = i > 0 and doc[i - 1].text in _HYPHENS and (
                not doc[i - 1].whitespace_ or self._paired(doc, i - 1))
            return joined_after or joined_before
        if token.ent_type_ == "POST":
            return False
        if text in self.particles and i > 0 and is_capitalised(doc[i - 1]):
            return True
        if text.isupper() and len(text) > 1 and text.isalpha():
            return True
        return (is_capitalised(token) and text not in self.org_modifier_stop
                and not text.endswith(("’s", "'s")))

    @staticmethod
    def _paired(doc: TokenDoc, i: int) -> bool:
        """Whether the dash at token i joins two sides named before a body's name, spaced
        as some outlets write it ("the U.S. – Kazakhstan Friendship Group")."""
        return 0 < i < len(doc) - 1 and all(doc[k].ent_type_ in _SIDES for k in (i - 1, i + 1))

    @staticmethod
    def _between(doc: TokenDoc, i: int, end: int) -> int:
        """End of a "between A and B" at token i that names the two sides of a body ("the
        Cooperation Council between the EU and Kazakhstan"), or i when there is none."""
        if doc[i].lower_ != "between":
            return i
        k = i + 1
        for side in (1, 2):
            if k < end and doc[k].lower_ == "the":
                k += 1
            if k >= end or doc[k].ent_type_ not in _SIDES:
                return i
            k = ent_end(doc, k)
            if side == 1:
                if k >= end or doc[k].lower_ != "and":
                    return i
                k += 1
        return k

    def _standalone_body(self, doc, i: int) -> bool:
        """A bare "Senate" or "Parliament" names the national body when capitalised mid-sentence."""
        return doc[i].text in ("Senate", "Parliament", "Majilis", "Mazhilis", "Congress") and (
            i > 0 and doc[i - 1].lower_ in ("the", "of", "’s", "'s") or doc[i - 1].ent_type_ in ("DEMONYM", "STATE"))

    def _extend_complements(self, doc, i: int, end: int) -> int:
        """Extend a name over "of/for/on [the] Capitalised ..." complements."""
        best = i
        while i < end and doc[i].lower_ in ("of", "for", "on"):
            j = i + 1
            if j < end and doc[j].lower_ == "the":
                j += 1
            first = j
            while j < end and (is_capitalised(doc[j]) or doc[j].text in _HYPHENS or doc[j].lower_ in ("and", "of")):
                word = doc[j]
                if word.lower_ in ("and", "of"):
                    if j + 1 < end and is_capitalised(doc[j + 1]) and self._institution_word(doc[j + 1]):
                        j += 1
                        continue
                    break
                if j > first and not self._institution_word(word) and word.text not in _HYPHENS:
                    break
                if j + 1 < end and doc[j + 1].text in _POSSESSIVES:
                    break  # "Italy's" begins another name
                j += 1
            while j > first and doc[j - 1].lower_ in ("and", "of"):
                j -= 1  # "the Ministry of Energy and Italy's Eni": the name ends before "and"
            if j == first:
                break
            best = i = j
        return best

    def _known_word(self, token: Token) -> bool:
        return (token.text in self.non_names or token.ent_type_ not in ("", "PERSON")
                or self.vocab.is_ordinary(token.text))

    def _institution_word(self, token: Token) -> bool:
        """A word that may go on an institution's name: a known word or one of the dictionary."""
        return self._known_word(token) or token.lower_ in self.dictionary

    # ---------------------------------------------------------------- names

    def name_end(self, doc, i: int, end: int, *, anchored: bool) -> int:
        """End of a person's name starting at token i (i itself when there is none).
        Anchored names (after a title or honorific) may be a single word."""
        j, words = i, 0
        while j < end:
            token = doc[j]
            text = token.text
            if text in _HYPHENS and words and not doc[j - 1].whitespace_ and j + 1 < end and doc[j + 1].text[:1].isalpha():
                j += 2
                continue
            if words and _ROMAN.match(text):
                j += 1
                words += 1
                continue
            if anchored and not words and len(text) == 1 and text.isupper() and text != "I" and j + 1 < end \
                    and is_capitalised(doc[j + 1]) and doc[j + 1].ent_type_ in ("", "PERSON"):  # an initial, no point
                j += 1  # "External Affairs Minister S Jaishankar"
                words += 1
                continue
            if text in self.particles and words:  # "bin", "von der": a run of particles before a name word
                k = j
                while k < end and doc[k].text in self.particles:
                    k += 1
                if k < end and is_capitalised(doc[k]):
                    j = k
                    continue
            if (not is_capitalised(token) or text in self.non_names and (words or token.ent_type_ != "PERSON")  # "Jan Peters"
                    or text in self.org_heads or token.ent_type_ in ("STATE", "ORG", "DEMONYM", "POST")):
                break
            if not anchored and token.ent_type_ in ("CAPITAL", "CITY"):
                break
            if text.endswith(("’s", "'s")):
                break
            words += 1
            j += 1
            if words == 5:
                break
        if words == 0 or (words == 1 and not anchored):
            return i
        if words == 1 and _INITIAL.match(doc[i].text):
            return i
        return j

    def unanchored_name(self, doc, i: int, end: int) -> int:
        """End of a name of two or more words none of which is an ordinary word."""
        j = self.name_end(doc, i, end, anchored=False)
        if j == i:
            return i
        words = [t for t in doc[i:j] if is_capitalised(t) and not _INITIAL.match(t.text)]
        if any(self.vocab.is_ordinary(t.text) for t in words):
            return i
        return j

    # ---------------------------------------------------------------- titles

    def title_span(self, doc, start: int, end: int, sent_start: int, sent_end: int) -> tuple[int, int]:
        """Widen a matched post head over modifiers, an owner before it ("Kazakh",
        "UK", "Kazakhstan’s") and complements after it ("of Kazakhstan to Belgium")."""
        plural = doc.span(start, end).text.lower() in self.plurals
        while start - 1 >= sent_start:
            prev = doc[start - 1]
            if prev.text in self.modifiers and prev.text[:1].isupper() or prev.text in _HYPHENS and not prev.whitespace_:
                start -= 1
            elif prev.ent_type_ in ("STATE", "DEMONYM", "ORG", "CAPITAL") and prev.text[:1].isupper():
                start = ent_start(doc, start - 1)
                while plural and start - 2 >= sent_start and doc[start - 1].text in ("and", ",") \
                        and doc[start - 2].ent_type_ in ("STATE", "DEMONYM"):  # "the Kazakh and Chinese ministers"
                    start = ent_start(doc, start - 2)
                break
            elif (prev.text in ("’s", "'s") or prev.text in ("’", "'") and doc[start - 2].text.endswith("s")) and start - 2 >= sent_start and doc[start - 2].ent_type_ in ("STATE", "ORG"):
                start = ent_start(doc, start - 2)
                break
            else:
                break
        j = end
        while j < sent_end:
            k = j
            if doc[k].text in ("and", "-", "–", "—") and k + 1 < sent_end and doc[k + 1].ent_type_ == "POST":
                j = ent_end(doc, k + 1)
                continue
            nxt = k + 2 if k + 2 < sent_end and doc[k + 1].lower_ == "the" else k + 1
            if plural and doc[k].text in ("and", ",") and nxt < sent_end and doc[k - 1].ent_type_ == "STATE" \
                    and doc[nxt].ent_type_ == "STATE":  # "the foreign ministers of A, B and the C"
                j = ent_end(doc, nxt)
                continue
            if (doc[k].text == "and" and is_capitalised(doc[k - 1]) and k + 1 < sent_end and is_capitalised(doc[k + 1])
                    and self.vocab.is_ordinary(doc[k + 1].text)):  # "of Foreign Affairs and Tourism"
                j = k + 2
                continue
            if doc[k].lower_ not in _PREPOSITIONS or self._complements_event(doc, k, start):
                break
            k += 1
            while k < sent_end and (doc[k].lower_ == "the" or doc[k].is_space):
                k += 1
            if k >= sent_end:
                break
            token = doc[k]
            if token.ent_type_ in ("STATE", "ORG", "CAPITAL", "DEMONYM"):
                j = ent_end(doc, k)
                if j < sent_end and doc[j].text == "(" and j + 2 < sent_end and doc[j + 2].text == ")":
                    j += 3
                continue
            if is_capitalised(token) and not (doc[j].lower_ == "at" and token.ent_type_ == "CITY"):  # "at Hyderabad House" is where
                m = k + 1
                while m < sent_end and (is_capitalised(doc[m]) and self._known_word(doc[m])
                                        or doc[m].lower_ in ("and", "of") and m + 1 < sent_end
                                        and is_capitalised(doc[m + 1]) and self._known_word(doc[m + 1])
                                        or doc[m].text in _HYPHENS and not doc[m - 1].whitespace_):
                    m += 1
                j = m
                if j < sent_end and doc[j].text == "(" and j + 2 < sent_end and doc[j + 2].text == ")":
                    j += 3
                continue
            break
        return start, j

    def _complements_event(self, doc, k: int, start: int) -> bool:
        """Whether the parse hangs the preposition at k on a word of travel outside the
        title: in "the visit by the President of Kazakhstan to Russia", "to Russia" is
        where the visit goes, not part of the President's title."""
        head = doc[k].head
        return doc[k].lower_ != "of" and head >= 0 and not start <= head < k \
            and doc[head].lemma_ in self.lex.lemmas["visit"]

    # ---------------------------------------------------------------- one sentence

    def find(self, sent: Span, org_spans: list[tuple[int, int]]) -> SentenceMentions:
        """Every mention of a sentence (org_spans: organizations found by pattern)."""
        doc, found, ents = sent.doc, SentenceMentions(), sent.ents
        in_org = {k for s, e in org_spans for k in range(s, e)}
        title_tokens: set[int] = set()
        person_tokens: set[int] = set()
        # posts and the names they anchor
        for ent in [e for e in ents if e.label_ == "POST"]:
            if ent.start in title_tokens:
                continue
            start, end = self.title_span(doc, ent.start, ent.end, sent.start, sent.end)
            if any(k in in_org for k in range(ent.start, ent.end)):
                continue
            title_tokens.update(range(start, end))
            post = self.make_post(doc, start, end, ent, org_spans)
            name_start = end + 1 if end < sent.end and doc[end].text == "," else end
            while name_start < sent.end - 1 and doc[name_start].text in self.honorifics \
                    and doc[name_start].text not in self.name_titles:  # "the Emir of Qatar, Sheikh Tamim ..."
                name_start += 1
            name_stop = self.name_end(doc, name_start, sent.end, anchored=True)
            if ent.text in self.name_titles and start == ent.start and name_stop > name_start:
                found.actors.append(self._person(doc, start, name_stop, None))  # "Pope Francis" is a name
                person_tokens.update(range(start, name_stop))
                continue
            if name_stop > name_start:
                if post.owner is None:
                    self._owner_after(doc, name_stop, ents, post)
                names = [(name_start, name_stop)]
                if post.plural:
                    names += self._listed_names(doc, name_stop, sent.end)
                owners = self._respective_owners(doc, start, end, len(names))
                for (first, stop), own in zip(names, owners or [None] * len(names)):
                    held = post if own is None else replace(post, owner=own[0], title=post.title.replace(*own[1:]))
                    found.actors.append(self._person(doc, first, stop, held))
                    person_tokens.update(range(first, stop))
                continue
            # appositive: "Name, [the] Title"
            before = start - 1
            if before > sent.start and doc[before].lower_ == "the":
                before -= 1
            if before > sent.start and doc[before].text == ",":
                stop = before
                first = stop - 1
                while first - 1 >= sent.start and (is_capitalised(doc[first - 1]) or doc[first - 1].text in _HYPHENS
                                                   or doc[first - 1].text in self.particles):
                    first -= 1
                while first < stop and (doc[first].text in self.non_names or doc[first].text in self.honorifics):
                    first += 1  # "His Highness Sheikh X, President of the UAE"
                if first < stop and self.name_end(doc, first, stop, anchored=False) == stop:
                    found.actors.append(self._person(doc, first, stop, post))
                    person_tokens.update(range(first, stop))
                    continue
            found.titles.append((start, end, post))
        # honorifics, kin words and verbs of speech anchor names too
        for token in sent:
            i = token.i
            if i in person_tokens or i in title_tokens or i in in_org:
                continue
            anchored = token.text in self.honorifics or token.lower_ in self.kin_words
            if anchored:
                start = i + 1 if token.text in self.honorifics and token.text not in self.name_titles else i
                start = i + 1 if token.lower_ in self.kin_words else start
                stop = self.name_end(doc, i + 1, sent.end, anchored=True)
                if stop > i + 1:
                    post = self._counterpart_post(doc, i, sent.start, found) if token.lower_ == "counterpart" else None
                    found.actors.append(self._person(doc, start, stop, post))
                    person_tokens.update(range(start, stop))
                continue
            if is_capitalised(token) and (i == sent.start or not is_capitalised(doc[i - 1])):
                stop = self.unanchored_name(doc, i, sent.end)
                if stop > i and stop < sent.end and (doc[stop].lower_ in self.person_verbs
                                                     or doc[stop].text == "," and stop + 1 < sent.end
                                                     and doc[stop + 1].lower_ in self.person_verbs):
                    found.actors.append(self._person(doc, i, stop, None))
                    person_tokens.update(range(i, stop))
        # persons the trained entity recogniser found, where no anchor did
        for ent in ents:
            stop = ent.end - 1 if ent.end - ent.start > 2 and doc[ent.end - 1].text in _POSSESSIVES else ent.end
            if ent.label_ == "PERSON" and (doc[stop - 1].text in self.particles
                                           or stop < sent.end and doc[stop].text in self.particles):
                first = ent.start  # "Ursula von der" Leyen, "von der" Leyen
                while first < sent.end and doc[first].text in self.particles:
                    first += 1
                stop = max(stop, self.name_end(doc, first, sent.end, anchored=True))
            if ent.label_ == "PERSON" and self._statistical_name(doc, ent.start, stop) and not any(
                    k in person_tokens or k in title_tokens or k in in_org for k in range(ent.start, stop)):
                found.actors.append(self._person(doc, ent.start, stop, None))  # "Ilham Aliyev's visit"
                person_tokens.update(range(ent.start, stop))
        # organizations by pattern
        for start, end in org_spans:
            found.actors.append(self.make_org_mention(doc, start, end))
        # gazetteer entities
        for ent in ents:
            if ent.label_ == "POST":
                continue
            inside_title = any(k in title_tokens for k in range(ent.start, ent.end))
            inside_org = any(k in in_org for k in range(ent.start, ent.end))
            if any(k in person_tokens for k in range(ent.start, ent.end)):
                continue
            mention = self.gazetteer_mention(ent)
            if mention is None:
                continue
            if inside_title or inside_org:
                found.nested.append(mention)
            else:
                found.actors.append(mention)
        found.actors.sort(key=lambda m: m.start)
        return found

    @staticmethod
    def _owner_after(doc, i: int, ents, post: Post) -> None:
        """The state named right after the name ("Foreign Minister X of Kazakhstan", "X
        from Turkey") owns a title that names none."""
        if i + 1 >= len(doc) or doc[i].lower_ not in ("of", "from"):
            return
        k = i + 2 if doc[i + 1].lower_ == "the" else i + 1
        state = next((e for e in ents if e.start == k and e.label_ == "STATE"), None)
        if state is not None:
            post.owner, post.implied = Ref("state", state.ent_id_), False

    def _counterpart_post(self, doc, i: int, sent_start: int, found: SentenceMentions) -> Post | None:
        """"his Turkish counterpart X": X holds, for the state named before "counterpart",
        the post of the titled person the sentence named before."""
        prev = doc[i - 1] if i > sent_start else None
        if prev is None or prev.ent_type_ not in ("DEMONYM", "STATE"):
            return None
        owner = Ref("state", prev.ent_id_)
        other = next((m.post for m in found.actors if isinstance(m, PersonMention) and m.post
                      and m.post.owner != owner), None)
        if other is None:
            return None
        return Post(doc.span(ent_start(doc, i - 1), i + 1).text, other.head, owner)

    def _statistical_name(self, doc, start: int, end: int) -> bool:
        """A PERSON entity that reads as a full name: two capitalised words or more, none a
        cue word, title or institution, and not where a place is named ("talks at Palazzo Chigi")."""
        words = doc[start:end]
        if start > 0 and doc[start - 1].lower_ in _PLACE_BEFORE:
            return False
        return (len(words) >= 2 and all(is_capitalised(t) or t.text in _HYPHENS or t.text in self.particles
                                        for t in words)
                and not any(t.text in self.non_names or t.text in self.org_heads for t in words))

    def drop_unsupported_acronyms(self, text: str, sentences: list[tuple[Span, SentenceMentions]]) -> None:
        """An acronym stands for the gazetteer's organization unless the article spells it
        out as another name ("the Regional Youth Forum (ICYF)" where the gazetteer's ICYF
        is another body): then that acronym is left out, and the name spelled out stands
        as the organization (found by pattern)."""
        spelled = {acronym: _name_key(name) for name, acronym in _SPELLED_OUT.findall(text)}
        for _, found in sentences:
            found.actors = [m for m in found.actors if not (
                m.ref.kind == "org" and m.form == "acronym" and m.text in spelled
                and not any(spelled[m.text].endswith(_name_key(n))
                            for n in self.gaz.get("organization", m.ref.key).names))]

    def known_surnames(self, sent: Span, found: SentenceMentions, surnames: set[str],
                       holders: frozenset[str] = frozenset()) -> None:
        """Add persons named by the bare surname of someone the article has named in full
        ("Erdogan said", "Kosherbayev’s visit"), or of a holder of a top office that the
        entity recogniser also reads as a person ("Tokayev visited Berlin"), or, where it
        reads nothing there, one that is no word of the language and that the parse, when
        there is one, calls a proper noun ("Tokayev held a telephone conversation ...")."""
        doc, taken = sent.doc, set()
        for m in found.actors + found.nested:
            taken.update(range(m.start, m.end))
        self._table_names(sent, found, taken)
        for token in sent:
            known = (token.text in surnames and token.ent_type_ in ("", "PERSON")
                     or token.text in holders and (token.ent_type_ == "PERSON" or self._bare_holder(token)))
            if known and token.idx not in taken and (token.i == sent.start or not is_capitalised(doc[token.i - 1])):
                nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
                if nxt is None or not is_capitalised(nxt) or nxt.text in ("’s", "'s"):
                    found.actors.append(PersonMention(Ref("person", token.text), token.text, token.idx,
                                                      token.idx + len(token.text), "name"))
        found.actors.sort(key=lambda m: m.start)

    def _table_names(self, sent: Span, found: SentenceMentions, taken: set[int]) -> None:
        """Add persons named in full as the office-holder table spells them, however the
        recogniser read them ("Kazakhstan's Kassym-Jomart Tokayev" read as a company)."""
        doc, table, i = sent.doc, load_office_holders(), sent.start
        while i < sent.end:
            stop = None
            if doc[i].idx not in taken and is_capitalised(doc[i]):  # the longest name of up to six tokens
                stop = next((j for j in range(min(i + 6, sent.end), i + 1, -1)
                             if is_capitalised(doc[j - 1]) and not any(doc[k].idx in taken for k in range(i, j))
                             and table.known_as(doc.span(i, j).text)), None)
            if stop is None:
                i += 1
                continue
            name = doc.span(i, stop)
            found.actors.append(PersonMention(Ref("person", name.text), name.text, name.start_char, name.end_char, "name"))
            taken.update(range(name.start_char, name.end_char))
            i = stop
        found.actors.sort(key=lambda m: m.start)

    def _bare_holder(self, token: Token) -> bool:
        """Whether a surname of the office-holder table the recogniser left unread names its
        holder: a word of four letters or more that no dictionary has, a proper noun when parsed."""
        return (token.ent_type_ == "" and len(token.text) >= 4 and not self.vocab.is_ordinary(token.text)
                and token.lower_ not in self.dictionary and (token.head < 0 or token.pos_ == "PROPN"))

    @staticmethod
    def _respective_owners(doc, start: int, end: int, names: int) -> list[tuple[Ref, str, str]]:
        """The states of a plural title, one to each name it lists, when they are as many:
        "the foreign ministers of A and B, X and Y" (X for A, Y for B), each with the text
        of the states in the title and of its own (to write its title)."""
        states = [k for k in range(start, end) if doc[k].ent_type_ == "STATE" and doc[k].ent_iob_ == "B" and doc[k].ent_id_]
        if names < 2 or len(states) != names:
            return []
        written = doc.span(states[0], ent_end(doc, states[-1])).text
        return [(Ref("state", doc[k].ent_id_), written, doc.span(k, ent_end(doc, k)).text) for k in states]

    def _listed_names(self, doc, i: int, end: int) -> list[tuple[int, int]]:
        """Further names of a list after a plural title: ", B, C and D"."""
        names = []
        while i < end and doc[i].text in (",", "and"):
            j = i + 1
            if doc[i].text == "," and j < end and doc[j].text == "and":
                j += 1
            stop = self.name_end(doc, j, end, anchored=True)
            if stop - j < 2:
                break
            names.append((j, stop))
            i = stop
        return names

    def _person(self, doc, start: int, end: int, post: Post | None) -> PersonMention:
        span = doc.span(start, end)
        return PersonMention(Ref("person", span.text), span.text, span.start_char, span.end_char, "name", post=post)

    def gazetteer_mention(self, ent: Span) -> Mention | None:
        """A mention for a gazetteer match; capitals and cities stand for their state."""
        label, key = ent.label_, ent.ent_id_
        forms = {"STATE": "name", "DEMONYM": "demonym", "CAPITAL": "capital", "CITY": "city"}
        if label in forms:
            return Mention(Ref("state", key), ent.text, ent.start_char, ent.end_char, forms[label])
        if label == "ORG":
            return Mention(Ref("org", key), ent.text, ent.start_char, ent.end_char,
                           "acronym" if ent.text.isupper() else "name")
        return None

    def make_org_mention(self, doc, start: int, end: int) -> Mention:
        """A pattern organization; national bodies get a key naming their state."""
        span = doc.span(start, end)
        return Mention(Ref("org", self.org_key(span)), span.text, span.start_char, span.end_char, "name")

    def org_key(self, span: Span) -> str:
        """The identity of a pattern organization: national bodies ("Ministry of Foreign
        Affairs", "Senate") are keyed by body and state, so every form of one body meets."""
        text = span.text
        state = next((t.ent_id_ for t in span if t.ent_type_ in ("STATE", "DEMONYM", "CAPITAL")), None)
        head = next((h for h in _NATIONAL_BODY_HEADS if re.search(rf"\b{h}\b", text)), None)  # not "Parliamentary"
        if head is None:
            return "name:" + text
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if state is None and prev is not None and prev.ent_type_ in ("STATE", "DEMONYM"):
            state = prev.ent_id_
        if state is None and prev is not None and prev.text in ("’s", "'s") and span.start > 1:
            before = span.doc[span.start - 2]
            state = before.ent_id_ if before.ent_type_ in ("STATE", "DEMONYM") else None
        body = head
        if head == "Ministry":
            body = "Ministry of " + self.portfolio(span)
        state = state or self.lex.home_state
        known = self._known_body(body, state)
        return known.id if known else f"body:{body}|{state}"

    def _known_body(self, body: str, state: str):
        """The gazetteer's entry for a state's body when it lists one ("Parliament" of
        Kazakhstan is its "Parliament of Kazakhstan"), so every form of the body meets it."""
        try:
            label = self.gaz.get("state", state).label
        except KeyError:
            return None
        entry = self.gaz.lookup("organization", f"{body} of {label}")
        return entry if entry is not None and entry.state == state else None

    def portfolio(self, span: Span) -> str:
        """The portfolio of a ministry: "Foreign Ministry" and "Ministry of Foreign
        Affairs of Kazakhstan" both give "Foreign Affairs"."""
        words = [t.text for t in span]
        synonyms = self.lex.maps["portfolio_synonyms"]
        idx = words.index("Ministry")
        if idx + 1 < len(words) and words[idx + 1] == "of":
            rest = []
            for t in span[idx + 2:]:
                if t.ent_type_ in ("STATE", "DEMONYM") or t.lower_ == "of" and rest:
                    break
                if t.lower_ != "the":
                    rest.append(t.text)
            portfolio = " ".join(rest).strip()
        else:
            portfolio = " ".join(w for w in words[:idx] if w not in ("the",) and not
                                 any(t.ent_type_ in ("STATE", "DEMONYM") for t in span[:idx] if t.text == w))
        portfolio = portfolio.strip() or "Foreign Affairs"
        return synonyms.get(portfolio, portfolio)

    def make_post(self, doc, start: int, end: int, head: Span, org_spans) -> Post:
        """A Post for the title tokens start..end, with its owner and accreditation."""
        title = doc.span(start, end).text.strip(" ,-–—")  # "then-presidents"
        owner: Ref | None = None
        accredited: Ref | None = None
        for k in range(start, end):
            token = doc[k]
            prev = doc[k - 1].lower_ if k > start else ""
            ref = None
            if token.ent_type_ in ("STATE", "DEMONYM", "CAPITAL") and token.ent_iob_ == "B":
                ref = Ref("state", token.ent_id_)
            elif token.ent_type_ == "ORG" and token.ent_iob_ == "B":
                ref = Ref("org", token.ent_id_)
            elif head.start <= k < head.end and (org := self.gaz.lookup("organization", token.text)):
                ref = Ref("org", org.id)  # an acronym inside a title: "UN Resident Coordinator"
            else:
                for s, e in org_spans:
                    if s == k:
                        ref = Ref("org", self.org_key(doc.span(s, e)))
            if ref is None or prev == "for" and k > head.start and ref.kind == "state":
                continue  # none, or the post's field: "Director for Russia", "Special Envoy for Afghanistan"
            if prev in ("to", "in") and k > head.start:
                accredited = accredited or ref
            elif owner is None or owner.kind == "org" and ref.kind == "state" and body_state(owner.key, self.gaz):
                owner = ref
        singular = self.plurals.get(head.text.lower())
        if singular is not None:  # "Foreign Ministers X and Y": each holds "Foreign Minister"
            title = title.replace(head.text, singular if head.text[:1].isupper() else singular.lower())
        serves = self.gaz.lookup("post", singular or head.text)
        label = serves.label if serves else head.text
        if owner is None and " of " in label and (serves is None or serves.kind_detail != "state"):
            # "President of the European Council" as one title, or its alias (never a state's post:
            # "Secretary of the Security Council" is no UN post)
            org = self.gaz.lookup("organization", label.split(" of ", 1)[1])
            owner = Ref("org", org.id) if org else None
        implied = owner is None and (serves is None or serves.kind_detail != "organization")
        if owner is not None and owner.kind == "org":
            state = body_state(owner.key, self.gaz)
            owner = Ref("state", state) if state else owner  # a speaker of a parliament serves its state
        return Post(title, label, owner, accredited, implied, plural=singular is not None)

