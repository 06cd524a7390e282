"""Corpus of malformed documents (see generate.py)."""
