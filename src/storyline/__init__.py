"""Storyline: turn a pile of news coverage of one evolving story into a sourced dossier.

>>> import storyline
>>> report = storyline.build(["examples/corpus"], db="storyline.db")
>>> dossier = storyline.load("storyline.db").dossier()
>>> dossier.data["stories"][0]["title"]
"""

from storyline.api import Corpus, Dossier, load
from storyline.build import BuildReport, build
from storyline.options import Options
from storyline.version import __version__

__all__ = ["BuildReport", "Corpus", "Dossier", "Options", "__version__", "build", "load"]
