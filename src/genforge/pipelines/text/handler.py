"""The text modality's handler in the pipelines layer (pipelines/handlers.py): sampling texts, the
held-out likelihood and sample metrics, the report's samples, a sentence VAE's reconstructions and
homotopies."""

from __future__ import annotations

from ...modalities.text.writers import homotopy_lines
from ..handlers import ModalityPipelines, SamplingPlan, ToolOutput, register_pipelines
from .evaluation import evaluate_text_run
from .likelihood import text_figures
from .report_data import text_report_data
from .sampling import plan_texts


class TextPipelines(ModalityPipelines):
    name = "text"

    def plan_samples(self, model, request, n, fmt) -> SamplingPlan:
        return plan_texts(model, request, n, fmt)

    def evaluate(self, folder, config, request):
        """The held-out likelihood, BLEU, Self-BLEU, distinct-n and novelty (evaluation.py)."""
        return evaluate_text_run(folder, config, request)

    def likelihood(self, model, held_out, k, n) -> dict:
        return text_figures(model, held_out, k, n)

    def report_data(self, model, config) -> dict:
        return text_report_data(model, config)

    def reconstruct(self, model, held_out, n, columns) -> ToolOutput:
        inputs = held_out.examples[:n or 10]
        lines = []
        for given, back in zip(inputs, model.reconstruct(inputs)):
            lines += [f"input:          {given}", f"reconstruction: {back}", ""]
        return ToolOutput(texts=lines, count=len(inputs))

    def interpolate(self, model, config, a, b, steps) -> ToolOutput:
        return ToolOutput(texts=homotopy_lines(model.interpolate(a, b, steps)), count=2)


register_pipelines(TextPipelines())
