"""Lexicon rules: the cues and their matches (:mod:`.cues`), the pattern language they are
written in (:mod:`.patterns`), loading and matching the lexicons (:mod:`.lexicon`, and LIWC
dictionaries: :mod:`.liwc`) with their guards for false friends and negation (:mod:`.context`),
the rules' own noisy-OR score (:mod:`.rule_scores`), and who is cited (named and unnamed
sources: :mod:`.sources`).
"""
