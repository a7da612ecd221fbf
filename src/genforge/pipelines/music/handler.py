"""The music modality's handler in the pipelines layer (pipelines/handlers.py)."""

from __future__ import annotations

import torch

from ..handlers import ModalityPipelines, register_pipelines
from .evaluation import evaluate_music_run, music_likelihood
from .sampling import plan_music
from .tools import attribute_vectors, interpolate_files, reconstruct_windows, transfer_file


class MusicPipelines(ModalityPipelines):
    name = "music"

    def plan_samples(self, model, request, n, fmt):
        return plan_music(model, request, n, fmt)

    def evaluate(self, folder, config, request):
        """The held-out NLL per frame or per event (evaluation.py)."""
        return evaluate_music_run(folder, config, request)

    def likelihood(self, model, held_out, k, n) -> dict:
        """The held-out NLL per frame or per event (a bound for a latent model), kind `music-nll`."""
        return music_likelihood(model, held_out, n)

    def report_data(self, model, config) -> dict:
        """Four samples; for a model that interpolates, the path between two held-out windows."""
        data = {"samples": model.sample(4, seed=config.train.seed)}
        if model.capabilities.interpolate:
            from ...data import held_out_split, load_split

            held_out = load_split(config.data, held_out_split(config.data))
            if len(held_out) >= 2:
                ends = held_out.take(torch.tensor([0, len(held_out) - 1])).x
                data["interpolation"] = model.interpolate(ends[0], ends[1], 5)
        return data

    def reconstruct(self, model, held_out, n, columns):
        return reconstruct_windows(model, held_out, n)

    def interpolate(self, model, config, a, b, steps):
        """A and B are MIDI files: their melodies' codes are the ends of the path."""
        return interpolate_files(model, a, b, steps)

    def transfer(self, folder, model, item, attribute, amount):
        return transfer_file(folder, model, item, attribute, amount)

    def attributes(self, folder, model, add):
        return attribute_vectors(folder, model, add)


register_pipelines(MusicPipelines())
