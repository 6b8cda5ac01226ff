"""Sentence similarity for alignment and evidence search: dense embeddings when the stories
package provides them, TF-IDF cosine otherwise.

The embedding model lives with story clustering (``consilience.stories.embeddings``); this module
only looks for it at run time, so claims work (a little less well on paraphrases) without it.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np

log = logging.getLogger(__name__)

#: Function names under which ``consilience.stories.embeddings`` may offer ``f(texts) -> array``.
_EMBED_NAMES = ("embed", "encode", "embed_texts", "embed_sentences")


@lru_cache(maxsize=1)
def embedder() -> Callable[[Sequence[str]], np.ndarray] | None:
    """The stories package's sentence encoder, if installed and loadable."""
    try:
        if importlib.util.find_spec("consilience.stories.embeddings") is None:
            return None
        mod = importlib.import_module("consilience.stories.embeddings")
    except Exception as exc:  # a broken optional module must not break claims
        log.warning("embeddings unavailable: %s", exc)
        return None
    for name in _EMBED_NAMES:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn
    return None


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return x / norms


#: Embeddings kept per process, by text: a claim is embedded for alignment and again for the
#: entailment judge, a word once for every premise it occurs in. The vectors do not depend on
#: the batch a text is encoded in, so a cached vector is the one a new call would compute.
_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
CACHE_SIZE = 20_000


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """L2-normalised embeddings of ``texts`` or None when no encoder is available or it fails."""
    fn = embedder()
    if fn is None or not texts:
        return None
    todo = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if todo:
        try:
            x = np.asarray(fn(todo), dtype=np.float32)
        except Exception as exc:
            log.warning("embedding failed, using TF-IDF: %s", exc)
            return None
        if x.ndim != 2 or x.shape[0] != len(todo):
            return None
        _CACHE.update(zip(todo, _normalise(x)))
    out = np.stack([_CACHE[t] for t in texts])
    for t in texts:
        _CACHE.move_to_end(t)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


def tfidf_cosine(texts: Sequence[str], queries: Sequence[str] | None = None,
                 fit: Sequence[str] | None = None) -> np.ndarray:
    """TF-IDF cosine between ``queries`` (default ``texts``) and ``texts``, with the weights
    fitted on ``fit`` (default both)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    queries = list(texts) if queries is None else list(queries)
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        vec.fit(list(fit) if fit is not None else list(texts) + queries)
    except ValueError:  # nothing but stop words
        return np.zeros((len(queries), len(texts)))
    a, b = vec.transform(queries), vec.transform(list(texts))
    return (a @ b.T).toarray()


def cosine(texts: Sequence[str], queries: Sequence[str] | None = None) -> tuple[np.ndarray, str]:
    """Similarity of each query to each text and the method used ("embeddings" or "tfidf")."""
    queries = list(texts) if queries is None else list(queries)
    x = embed(list(texts) + queries) if texts and queries else None
    if x is not None:
        t, q = x[: len(texts)], x[len(texts):]
        return q @ t.T, "embeddings"
    return tfidf_cosine(texts, queries), "tfidf"
