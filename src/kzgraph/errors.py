"""Errors the library raises; the command line turns each into a one-line message."""


class KzGraphError(Exception):
    """Base of every error kzgraph reports to its user."""


class CorpusError(KzGraphError):
    """An input text cannot be read: missing, unreadable, binary, undecodable or empty."""


class ExtractionError(CorpusError):
    """Extracting an article of a file failed (the message names the file and the cause)."""


class GazetteerError(KzGraphError):
    """A gazetteer data file is malformed (the message names file and line)."""


class ModelError(KzGraphError):
    """The trained English pipeline is missing, not English, or its files are not the recorded ones."""


class OntologyError(KzGraphError):
    """The ontology or shapes file cannot be loaded."""


class OutputError(KzGraphError):
    """An output cannot be written: it is an input, not a file, or the write failed."""


class QueryError(KzGraphError):
    """A SPARQL query cannot be found, parsed, bound or run."""


class QueryLimitError(QueryError):
    """A query ran past its time limit."""


class StoreError(KzGraphError):
    """An RDF file or store cannot be opened or written."""


class NotEnglishError(CorpusError):
    """An input text is not in English (a build skips it with a warning)."""
