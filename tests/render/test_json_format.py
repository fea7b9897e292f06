"""The JSON report (hedgeometer.render.json_format): the report's to_dict(), UTF-8 as written, the
article's whole text only when asked."""

import json

from hedgeometer.render.json_format import render_json

QUOTED = "“We might withdraw,” the minister said. Talks may fail."


def test_json_is_the_reports_dict(rules_analyzer):
    report = rules_analyzer.analyze(QUOTED, id="quoted")
    out = render_json(report)
    assert out.endswith("}\n") and "“We might withdraw,”" in out  # not \u201c escapes
    data = json.loads(out)
    assert data == json.loads(json.dumps(report.to_dict()))
    assert data["id"] == "quoted" and "text" not in data
    with_text = json.loads(render_json(report, include_text=True))
    assert with_text == json.loads(json.dumps(report.to_dict(include_text=True))) and with_text["text"] == QUOTED
