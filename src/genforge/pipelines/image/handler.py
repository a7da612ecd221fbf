"""The image modality's handler in the pipelines layer (pipelines/handlers.py): sampling to PNG grids
and .npz arrays, IS/FID/KID/precision-recall through a feature network, a VAE's importance-sampled
likelihood, the report's data, reconstructions and interpolations."""

from __future__ import annotations

from pathlib import Path

import torch

from ...core.errors import EvalError, GenforgeError
from ...data import DATASETS, held_out_split
from ...metrics.image.evaluate import DEFAULT_COUNT, evaluate
from ...metrics.image.likelihood import likelihood_report
from ...metrics.image.sources import RUN_READERS, is_run_checkpoint
from ...modalities.image.grids import rows_above
from ..handlers import ModalityPipelines, SamplingPlan, ToolOutput, register_pipelines
from ..loading import load
from . import latent_samplers  # noqa: F401  (registers the ex-post samplers)
from .latent_paths import interpolation, reconstructions
from .report_data import image_report_data
from .sampling import plan_images

# What `genforge report` measures when eval.json is missing or older than the newest checkpoint.
REPORT_METRICS = ["is", "fid", "kid", "pr"]


@RUN_READERS.register("run")
def run_images(source: Path, n: int, seed: int) -> torch.Tensor:
    """n images sampled with `seed` from the newest intact checkpoint of a run, or from one checkpoint
    folder of a run (RUN/checkpoints/best)."""
    if is_run_checkpoint(source):
        return load(source.parent.parent, checkpoint=source).sample(n, seed=seed).values
    return load(source).sample(n, seed=seed).values


class ImagePipelines(ModalityPipelines):
    name = "image"

    def plan_samples(self, model, request, n, fmt) -> SamplingPlan:
        return plan_images(model, request, n, fmt)

    def evaluate(self, folder, config, request):
        """IS, FID, KID, precision/recall through a feature network (metrics/image/evaluate.py)."""
        if request.reference_lm:
            raise EvalError("--reference-lm is for text runs: it scores sampled text")
        if config.data.task:  # an image-to-image run: its outputs against the targets, beside the baselines
            from .task_evaluation import evaluate_task_run

            return evaluate_task_run(folder, config, request)
        if config.data.domain_a is not None:  # two domains: the translations classified, and the cycles
            from .domain_evaluation import evaluate_domains_run

            return evaluate_domains_run(folder, config, request)
        real = request.real or f"{config.data.name}:{request.reference or held_out_split(config.data)}"
        count = request.count or DEFAULT_COUNT
        drawn = None if request.model is None else request.model.sample(count, seed=request.seed).values
        result = evaluate(str(request.chosen or folder.root), real, request.metric_names, request.extractor or "fmnist",
                          count=count, real_count=request.real_count or DEFAULT_COUNT, seed=request.seed,
                          data=config.data, options=request.options, fake_images=drawn)
        result.record["kind"] = "sample-metrics"
        return result



    def likelihood(self, model, held_out, k, n) -> dict:
        images = held_out.images_at(torch.arange(min(n, len(held_out))))
        return {"kind": "image-nll", **likelihood_report(model, images, samples=k or 1000)}

    def report_data(self, model, config) -> dict:
        return image_report_data(model, config)

    def missing_measurements(self, folder, config, model, n, say) -> None:
        """The sample metrics, where the data source declares a shipped feature network."""
        from ..evaluation import EvalRequest, evaluate_run
        from ..report import measured_at

        step = model.loaded_step
        if config.data.task or config.data.domain_a is not None:  # its own figures, no feature network
            if measured_at(folder.root / "eval.json") != step:
                say(f"evaluating the held-out pairs of step {step} (written to eval.json) ...")
                evaluate_run(folder.root, EvalRequest(count=n), model=model)
            return
        network = DATASETS.get(config.data.name).feature_network
        if network and measured_at(folder.root / "eval.json") != step:
            say(f"evaluating {n} samples of step {step} with the {network} network (written to eval.json) ...")
            evaluate_run(folder.root, EvalRequest(REPORT_METRICS, network, count=n, real_count=DEFAULT_COUNT), model=model)

    def reconstruct(self, model, held_out, n, columns) -> ToolOutput:
        images = held_out.images[:n or 32]
        return ToolOutput(rows_above(images, reconstructions(model, images), columns), columns, count=images.shape[0])

    def interpolate(self, model, config, a, b, steps) -> ToolOutput:
        try:
            ends = int(a), int(b)
        except ValueError:
            raise GenforgeError(f"--a and --b are test image indices (VAEs) or seeds (GANs), got {a!r} and {b!r}") from None
        return ToolOutput(interpolation(model, config, *ends, steps), steps, count=2)


register_pipelines(ImagePipelines())
