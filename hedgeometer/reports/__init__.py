"""Reports: what a reader gets for one article (:mod:`.article`), for several side by side
(:mod:`.compare`), and the readability figures.
"""
