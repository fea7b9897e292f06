"""Learning and measuring: the annotated corpora (in-house and real public ones), training the
shipped model and evaluating labels against gold annotation.
"""
