"""kzgraph: a knowledge graph of actors, states and organizations in news on Kazakhstan's foreign relations."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kzgraph")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
