"""The music modality's handler in the pipelines layer (pipelines/handlers.py)."""

from __future__ import annotations

from ..handlers import ModalityPipelines, register_pipelines
from .evaluation import evaluate_music_run
from .sampling import plan_music


class MusicPipelines(ModalityPipelines):
    name = "music"

    def plan_samples(self, model, request, n, fmt):
        return plan_music(model, request, n, fmt)

    def evaluate(self, folder, config, request):
        """The held-out NLL per frame or per event (evaluation.py)."""
        return evaluate_music_run(folder, config, request)

    def report_data(self, model, config) -> dict:
        return {"samples": model.sample(4, seed=config.train.seed)}


register_pipelines(MusicPipelines())
