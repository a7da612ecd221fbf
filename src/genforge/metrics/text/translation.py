"""Scores of generated targets against reference targets, by sacrebleu (Post 2018), whose signatures
say how each was computed: corpus BLEU (Papineni et al. 2002) and chrF (Popović 2015). Chinese text
is tokenised by sacrebleu's `zh` tokeniser (each CJK character a token), other text by `13a`."""

from __future__ import annotations

from typing import Sequence


def tokenization_for(texts: Sequence[str]) -> str:
    cjk = sum(1 for text in texts for character in text if "\u4e00" <= character <= "\u9fff")
    total = sum(len(text) for text in texts) or 1
    return "zh" if cjk / total > 0.3 else "13a"


def translation_scores(outputs: Sequence[str], references: Sequence[str]) -> dict:
    """{"BLEU", "chrF", and each one's sacrebleu signature}."""
    from sacrebleu.metrics import BLEU, CHRF

    bleu, chrf = BLEU(tokenize=tokenization_for(references)), CHRF()
    return {"BLEU": bleu.corpus_score(list(outputs), [list(references)]).score,
            "chrF": chrf.corpus_score(list(outputs), [list(references)]).score,
            "bleu_signature": str(bleu.get_signature()), "chrf_signature": str(chrf.get_signature())}
