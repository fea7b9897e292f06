"""Engines (hedgeometer.runs.engines): a chunk of records scored in one batch gives the rows of
each record scored alone."""

from hedgeometer import Analyzer

from conftest import TEXTS


def test_batched_rows_equal_rows_of_each_article_alone():
    """An engine scores a chunk of records in one batch: its rows are those of analyze() record
    by record, for headlines, Markdown, an unreadable record and one already failed."""
    from hedgeometer.runs.engines import rows_for, score_chunk
    from hedgeometer.runs.records import Record

    def records():
        found = [Record(f"r{k}", text, "test") for k, text in enumerate(TEXTS)]
        found.append(Record("given", TEXTS[2], "test", headline="Officials may delay the vote"))
        found.append(Record("md", "# Talks *may* fail\n\nThe region stands **on the brink** of war.", "test", markdown=True))
        found.append(Record("no-prose", "```\ncode only\n```\n", "test", markdown=True))
        found.append(Record("failed", None, "test", error="empty text"))
        found.append(Record("title", "Talks May Fail\n\nOfficials may delay the vote. Talks resume Monday.", "test"))
        return found

    analyzer = Analyzer(readability=False)
    for sentences in (False, True):
        alone = [rows_for(analyzer, record, sentences) for record in records()]
        batched = score_chunk(analyzer, records(), sentences)
        assert batched == alone
        assert [rows[0]["status"] for rows in batched].count("error") == 2
