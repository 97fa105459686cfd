"""Storyline: turn a pile of news coverage of one evolving story into a sourced dossier.

>>> import storyline
>>> report = storyline.build(["examples/corpus"], db="storyline.db")
>>> dossier = storyline.load("storyline.db").dossier()
>>> dossier.data["stories"][0]["title"]
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storyline")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

from storyline.api import Corpus, Dossier, load
from storyline.build import BuildReport, build
from storyline.options import Options

__all__ = ["BuildReport", "Corpus", "Dossier", "Options", "__version__", "build", "load"]
