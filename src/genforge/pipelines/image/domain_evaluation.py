"""`genforge eval RUN` of a two-domain run (CycleGAN), on the held-out images of both domains:

- the shipped Fashion-MNIST classifier's accuracy on the translations, the share of a -> b outputs
  it takes for domain b's class and of b -> a outputs for a's (the analogue of pix2pix's FCN score),
  beside the identity (the input itself, taken for the other class);
- PSNR and SSIM of each cycle, a -> b -> a against a and b -> a -> b against b (metrics/image/paired.py).

The classifier knows Fashion-MNIST's ten classes only; on other data the accuracy is left out and
said so in the record.
"""

from __future__ import annotations

import time

import torch

from ...data import DATASETS, held_out_split, load_split
from ...data.image.transforms import from_signed_unit, to_signed_unit
from ...metrics.image.paired import paired_figures
from ...metrics.results import EvalResult
from ..loading import load

DEFAULT_IMAGES = 1000  # per domain


def classified_as(images: torch.Tensor, label: int) -> float:
    from ...metrics.image.fmnist_extractor import load_fmnist_classifier

    classifier = load_fmnist_classifier()
    with torch.no_grad():
        predicted = torch.cat([classifier(part)[1].argmax(1) for part in images.split(500)])
    return float((predicted == label).float().mean())


def evaluate_domains_run(folder, config, request) -> EvalResult:
    started = time.perf_counter()
    model = request.model if request.model is not None else load(folder.root, checkpoint=request.chosen)
    split = held_out_split(config.data)
    held_out = load_split(config.data, split)
    count = request.count or DEFAULT_IMAGES
    images = {d: held_out.domain_images(d, torch.arange(min(count, held_out.stream_length(d)))) for d in ("a", "b")}
    values, notes = {}, []
    names = dict(zip(("a", "b"), held_out.spec.domains))
    classifiable = DATASETS.get(config.data.name).feature_network == "fmnist"
    for source, target, there, back in (("a", "b", "a2b", "b2a"), ("b", "a", "b2a", "a2b")):
        real = to_signed_unit(images[source])
        translated = model.translate(real, there)
        cycled = model.translate(translated, back)
        for figure, value in paired_figures(cycled, real).items():
            values[f"cycle {source} -> {target} -> {source}: {figure}"] = value
        if classifiable:
            label = held_out.class_names.index(names[target])
            values[f"{there}: classified as {names[target]}"] = classified_as(from_signed_unit(translated), label)
            values[f"{there}: classified as {names[target]} (identity)"] = classified_as(images[source], label)
    if not classifiable:
        notes.append("the shipped classifier knows Fashion-MNIST's classes only: no accuracy of the translations")
    record = {"kind": "domain-metrics", "metrics": values, "domains": names, "seconds": time.perf_counter() - started,
              "fake": {"count": sum(len(v) for v in images.values()), "source": "translations of held-out images"},
              "real": {"count": sum(len(v) for v in images.values()), "source": f"{config.data.name}:{split}"},
              "computed_on": f"up to {count} held-out images per domain; the classifier: genforge's shipped "
                             "Fashion-MNIST network; PSNR and SSIM as metrics/image/paired.py"}
    return EvalResult(values, notes, record)
