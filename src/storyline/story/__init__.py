"""Corpus stages: what is computed from a set of articles rather than from one."""
