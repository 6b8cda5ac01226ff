"""Offline sentence embeddings: int8 MiniLM on onnxruntime with the shipped WordPiece vocab."""

from __future__ import annotations

import numpy as np

from consilience.stories.embeddings import DIM, embed, tokenizer


def test_tokenizer_is_bert_uncased_wordpiece():
    enc = tokenizer().encode("Café in ZAPORIZHZHIA")
    assert enc.tokens[0] == "[CLS]" and enc.tokens[-1] == "[SEP]"
    assert "cafe" in enc.tokens  # lower case, accents stripped
    assert all(t == t.lower() for t in enc.tokens[1:-1])
    long = tokenizer().encode("word " * 1000)
    assert len(long.ids) == 256


def test_vectors_are_unit_length_and_ordered():
    texts = ["Ukrainian forces retook a village in the south-east.",
             "The central bank raised interest rates by half a point.",
             ""]
    v = embed(texts)
    assert v.shape == (3, DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    # order of output rows follows the input, whatever the batching by length
    again = embed([texts[1], texts[0]])
    assert np.allclose(again[0], v[1], atol=1e-5) and np.allclose(again[1], v[0], atol=1e-5)
    assert embed([]).shape == (0, DIM)


def test_paraphrase_scores_higher_than_unrelated_pair():
    v = embed([
        "Ukraine says its troops have recaptured the village of Staromaiorske.",
        "Kyiv's forces took back Staromaiorske, the Ukrainian military said.",
        "Apple removed the Telegram app from its store over inappropriate content.",
    ])
    paraphrase, unrelated = float(v[0] @ v[1]), float(v[0] @ v[2])
    assert paraphrase > 0.6
    assert paraphrase > unrelated + 0.4


def test_a_text_given_twice_is_encoded_once_with_the_same_vector(monkeypatch):
    import consilience.stories.embeddings as emb

    texts = ["Ukrainian forces retook a village in the south-east.",
             "The central bank raised interest rates by half a point.",
             "Ukrainian forces retook a village in the south-east.", "", ""]
    alone = np.concatenate([embed([t]) for t in texts])
    encoded: list[str] = []
    real = emb._encode_batch
    monkeypatch.setattr(emb, "_encode_batch", lambda b, *rest: encoded.extend(b) or real(b, *rest))
    v = embed(texts)
    assert sorted(encoded) == sorted(["[UNK]", texts[0], texts[1]])
    # the same vector as each text encoded by itself, bit for bit, in the input's order
    assert np.array_equal(v, alone)
    assert np.array_equal(v[0], v[2]) and not np.array_equal(v[0], v[1])


def test_batches_are_sorted_by_length_and_bounded_in_padded_pieces():
    from consilience.stories.embeddings import batches

    lengths = [30, 5, 200, 7, 6, 300, 40, 41]
    got = batches(lengths, batch_size=3, token_budget=128)
    assert sorted(i for b in got for i in b) == list(range(len(lengths)))
    flat = [lengths[i] for b in got for i in b]
    assert flat == sorted(lengths)
    assert all(len(b) <= 3 for b in got)
    # within the budget, or a text too long to share a batch goes alone
    assert all(len(b) * max(lengths[i] for i in b) <= 128 or len(b) == 1 for b in got)
    assert [lengths[i] for i in got[0]] == [5, 6, 7]
    assert [5] in got and [2] in got  # 300 and 200 pieces: one each
    assert batches([]) == []


def test_vectors_do_not_depend_on_the_batching():
    import consilience.stories.embeddings as emb

    texts = ["Ukrainian forces retook a village in the south-east, the military said on Monday.",
             "Rates rose.", "The central bank raised interest rates by half a point.",
             "Officials said " + "the talks went on late into the night and " * 12 + "ended."]
    one_batch = emb.embed(texts, batch_size=len(texts))
    alone = np.concatenate([emb.embed([t]) for t in texts])
    assert np.allclose(one_batch, alone, atol=1e-4)
