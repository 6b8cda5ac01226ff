"""The reports of every dev clustering article: the HTML report stays under 5 MB and carries
every story; every citation in it points inside its article. (Its open time in the browser is
measured by benchmarks/bench_report.py, not asserted here.)"""

from __future__ import annotations

import re

import pytest

from consilience.report import to_events_csv, to_html

#: Size limit of the HTML report of the dev clustering set (325 articles, about 80 stories).
MAX_HTML_BYTES = 5_000_000


@pytest.mark.slow
def test_dev_report_is_small_and_complete(dev_clustering_analysis):
    analysis = dev_clustering_analysis
    html = to_html(analysis)
    assert len(html.encode("utf-8")) < MAX_HTML_BYTES
    assert html.count('<section class="story"') == len(analysis.stories) > 10
    texts = {a.id: a.text for a in analysis.articles}
    for art, start, end in re.findall(r'data-article="([^"]+)" data-start="(\d+)" '
                                      r'data-end="(\d+)"', html):
        assert 0 <= int(start) < int(end) <= len(texts[art])


@pytest.mark.slow
def test_dev_event_csv_has_the_acled_header(dev_clustering_analysis):
    csv_text = to_events_csv(dev_clustering_analysis)
    assert csv_text.startswith("event_id_cnty,event_date,year,time_precision,disorder_type,")
