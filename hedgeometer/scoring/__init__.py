"""Scoring: run chunks of sentences through the rules and the model as arrays
(:mod:`.core`), then blend the rule score (:mod:`hedgeometer.rules.rule_scores`) and the model's
probabilities into 0..1 scores, labels and evidence (:mod:`.scores`).
"""
