"""``python -m kzgraph.to_ntriples FILE MEDIA_TYPE``: the triples of FILE (in the RDF format
of that media type) as N-Triples on standard output; a syntax error goes to standard error,
with exit status 1. ``kzgraph.triplestore.read_ntriples`` runs it as a process of its own."""

from __future__ import annotations

import sys

import pyoxigraph as ox


def main(path: str, media_type: str) -> int:
    try:
        ox.serialize(ox.parse(path=path, format=ox.RdfFormat.from_media_type(media_type)),
                     output=sys.stdout.buffer, format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError, OSError) as exc:
        sys.stderr.write(str(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
