"""The music modality's handler in the pipelines layer (pipelines/handlers.py)."""

from __future__ import annotations

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
        return {"samples": model.sample(4, seed=config.train.seed)}

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
