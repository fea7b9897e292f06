"""Text handling: read inputs (plain text, Markdown, HTML), blank what is not prose (markup,
page furniture), split sentences, find tokens, and tell quoted speech from the reporter's voice.

Nothing here knows about cues, models or scores.
"""
