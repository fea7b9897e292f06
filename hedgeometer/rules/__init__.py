"""Lexicon rules: load and validate the cue lexicons (and LIWC dictionaries), match cues in a
sentence's tokens with their guards for false friends and negation, and find who is cited
(named and unnamed sources).
"""
