"""Corpus-scale runs: read records from JSONL/CSV/folders, score them locally or on a Dask
cluster, and write rows with resume.
"""
