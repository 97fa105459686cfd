"""Cleaning: boilerplate and repeated pieces out of the text, each kept with its reason."""
