"""Scoring: run chunks of sentences through the rules and the model as arrays
(:mod:`.core`), then blend the two signals into 0..1 scores, labels and evidence
(:mod:`.scores`).
"""
