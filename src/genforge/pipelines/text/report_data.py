"""What a text run's report shows of its model: samples at three temperatures, and a sentence VAE's
reconstructions and homotopies between held-out sentences."""

from __future__ import annotations

from ...data import held_out_split, load_split
from ...training.run_config import RunConfig

TEMPERATURES = (0.5, 0.8, 1.0)
TEXT_CHARACTERS = 300
HOMOTOPY_STEPS = 7  # points of each path between two held-out sentences, both ends included


def text_report_data(model, config: RunConfig) -> dict:
    data: dict = {"samples": {temperature: model.sample(2, seed=0, length=TEXT_CHARACTERS, temperature=temperature)
                              for temperature in TEMPERATURES}}
    if model.capabilities.interpolate or model.capabilities.reconstruct:
        sentences = shown_sentences(load_split(config.data, held_out_split(config.data)).examples)
        if model.capabilities.reconstruct:
            data["reconstructions"] = list(zip(sentences, model.reconstruct(sentences)))
        if model.capabilities.interpolate:  # Bowman et al. (2016), Table 7: homotopies between two sentences
            data["homotopies"] = [model.interpolate(a, b, HOMOTOPY_STEPS) for a, b in zip(sentences[::2], sentences[1::2])]
    return data


def shown_sentences(examples: list[str], count: int = 6) -> list[str]:
    """The first held-out examples of one short line (4 to 16 words: what a reader takes in at a glance,
    as the sentences of Bowman et al.'s tables), else the first ones."""
    short = [text for text in examples if "\n" not in text.strip() and 4 <= len(text.split()) <= 16]
    return (short if len(short) >= count else examples)[:count]
