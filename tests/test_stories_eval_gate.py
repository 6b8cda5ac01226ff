"""Evaluation gate: story clustering on the dev clustering sets, against pinned floors a little
below the measured figures (B-cubed F1 0.914 news_cluster, whose gold joins related events up
to months apart, and 1.000 basil, whose gold is one event per story), and the incremental path
(one article at a time, in publication order) giving the batch's stories."""

from __future__ import annotations

import pytest

from consilience.clean.copies import mark_copies
from consilience.clean.furniture import clean_stage
from consilience.evaluation.clustering import (batch_labels, incremental_labels, load_gold,
                                               read_articles, score)
from consilience.nlp.annotate import annotate_stage
from consilience.pipeline import Pipeline

FLOORS = {"news_cluster": 0.90, "basil": 0.98}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_clustering_gate(dev_dir, name, tmp_path):
    folder = dev_dir / "clustering" / name
    # the clusterer reads titles, dates, sentences and entities: the stages that add them
    pipeline = Pipeline(article_stages=[clean_stage, annotate_stage], errors="raise")
    articles, rejected = pipeline.run_articles(read_articles(folder / "articles"))
    assert not rejected
    mark_copies(articles)
    gold = load_gold(folder / "gold.jsonl")
    batch = batch_labels(articles)
    assert score(batch, gold)["bcubed"]["f1"] >= FLOORS[name]
    incremental = incremental_labels(articles, tmp_path / "stories.db")
    assert incremental == batch
