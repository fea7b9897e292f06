"""The trained classifier: the features it reads (n-grams and a dense block from the cue
matches) and the linear model itself, stored as JSON (never pickled).
"""
