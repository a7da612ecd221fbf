"""`genforge eval` of a music run, each figure with what it is computed on:

- the held-out NLL per frame (piano rolls: summed over the 88 keys for frames 1..T-1 of each piece
  given the frames before, divided by those frames, as Bai et al. 2018's code) or per event (melodies:
  every event of every window); for a latent model (MusicVAE) its negative ELBO, an upper bound;
- for a model that reconstructs (MusicVAE), the reconstruction accuracy of the held-out windows, the
  share of events decoded right from z = the mean of q(z | x): teacher-forced (the likeliest event given
  the true ones before it) and sampled (decoded greedily from the model's own events), as Roberts et
  al. 2018, Table 1;
- on four-voice data, MuseGAN's tonal distance of each pair of voices, per beat (metrics/music/tonal.py),
  of the samples and of the held-out pieces."""

from __future__ import annotations

import time

import torch

from ...data import held_out_split, load_split
from ...metrics.music.likelihood import held_out_nll
from ...metrics.results import EvalResult
from ..loading import load

RECONSTRUCTED = 1024  # held-out windows whose reconstructions are scored (at most)
COMPARED = 200  # generated pieces (and each of two disjoint held-out sets) for the distribution figures


def notes_of_items(held_out, index, steps: int | None = None) -> list[list]:
    """The notes of held-out items; whole pieces (piano rolls, four voices) cut to their first `steps`
    frames, so that they are compared with samples of that length."""
    from ...core import Samples
    from ...modalities.music.notes_of import sample_notes

    batch = held_out.take(index)
    spec = held_out.spec
    x = batch.x if spec.representation == "melody" else batch.x[:, :steps]
    return sample_notes(Samples("music", x.to(torch.uint8) if spec.representation == "pianoroll" else x,
                                conditioning={"representation": spec.representation,
                                              "steps_per_quarter": spec.steps_per_quarter}))


def distribution(model, held_out, count: int, seed: int) -> dict:
    """MGEval and muspy figures of `count` samples against the held-out set (two disjoint halves of
    a seeded choice of it: the reference, and the second set whose figures are the reference's own)."""
    from ...metrics.music.distribution import distribution_figures
    from ...modalities.music.notes_of import sample_notes

    k = min(count, len(held_out) // 2)
    order = torch.randperm(len(held_out), generator=torch.Generator().manual_seed(seed))
    grid = model.grid()
    reference, second = (notes_of_items(held_out, part, grid.steps) for part in (order[:k], order[k:2 * k]))
    samples = model.sample(k, seed=seed, steps=grid.steps)
    figures = distribution_figures(reference, second, sample_notes(samples), grid.steps_per_quarter)
    if held_out.spec.representation == "voices":
        figures["tonal"] = {"generated": voice_pair_distances(samples.values, grid.steps_per_quarter),
                            "held-out": voice_pair_distances(held_out.take(order[:k]).x[:, :grid.steps],
                                                             grid.steps_per_quarter),
                            "segment": "one beat"}
    return figures


def voice_pair_distances(grids: torch.Tensor, steps_per_beat: int) -> dict[str, float]:
    from ...data.music.voices import VOICES, grid_to_rolls
    from ...metrics.music.tonal import track_pair_distances

    return track_pair_distances([grid_to_rolls(grid.numpy()) for grid in grids.cpu()], VOICES, steps_per_beat)


def reconstruction_accuracy(model, held_out, limit: int = RECONSTRUCTED, batch_size: int = 128) -> dict[str, float]:
    count = min(limit, len(held_out))
    chosen = torch.randperm(len(held_out), generator=torch.Generator().manual_seed(0))[:count]
    right = {"teacher-forced": 0, "sampled": 0}
    total = 0
    for index in chosen.split(batch_size):
        events = held_out.take(index).x
        for how in right:
            right[how] += int((model.reconstruct(events, teacher_forced=how == "teacher-forced") == events).sum())
        total += events.numel()
    return {f"reconstruction accuracy ({how})": value / total for how, value in right.items()} | {"_windows": count}


def counted(held_out, bound: bool) -> str:
    what = ("frames 1..T-1 of each piece given the frames before, NLL summed over the 88 keys"
            if held_out.spec.representation == "pianoroll" else "every event of every window")
    return what + ("; the negative ELBO with one draw of z (an upper bound of the NLL)" if bound else "")


def music_likelihood(model, held_out, n: int) -> dict:
    """likelihood.json's figures: the NLL of the first n pieces or windows of the split."""
    from ...metrics.music.likelihood import Subset

    part = Subset(held_out, torch.arange(min(n, len(held_out))))
    figures = held_out_nll(model, part)
    bound = model.capabilities.latent is not None
    return {"kind": "music-nll", "nll": figures["nll"], "unit": held_out.spec.loss_unit, "units": figures["units"],
            "items": figures["items"], "bound": bound, "counted": counted(held_out, bound)}


def evaluate_music_run(folder, config, asked) -> EvalResult:
    started = time.perf_counter()
    model = asked.model if asked.model is not None else load(folder.root, checkpoint=asked.chosen)
    split = asked.reference or held_out_split(config.data)
    held_out = load_split(config.data, split)
    unit = held_out.spec.loss_unit
    declared = model.capabilities
    values, likelihood = {}, {"split": split, "unit": unit, "representation": held_out.spec.representation}
    if declared.likelihood:
        figures = held_out_nll(model, held_out)
        bound = declared.latent is not None
        values[f"NLL{' bound' if bound else ''} ({unit})"] = figures["nll"]
        likelihood.update(units=figures["units"], counted=counted(held_out, bound))
    reconstructed = None
    if declared.reconstruct:
        accuracy = reconstruction_accuracy(model, held_out)
        reconstructed = accuracy.pop("_windows")
        values.update(accuracy)
    figures = distribution(model, held_out, asked.count or COMPARED, asked.seed)
    for name, both in figures["mgeval"].items():
        values[f"overlapped area: {name}"] = both["generated"]["overlapped area"]
    for name, both in figures["mgeval"].items():
        values[f"overlapped area: {name} (held-out reference)"] = both["held-out"]["overlapped area"]
    for which, suffix in (("generated", ""), ("held-out", " (held-out reference)")):
        for name, value in figures.get("tonal", {}).get(which, {}).items():
            values[name + suffix] = value
    record = {"kind": "music-evaluation", "metrics": values, "distribution": figures, "seconds": time.perf_counter() - started,
              "fake": {"count": figures["pieces"]["generated"], "source": f"samples, seed {asked.seed}"},
              "real": {"count": len(held_out), "source": f"{config.data.name}:{split}"},
              "likelihood": likelihood}
    if reconstructed is not None:
        record["reconstruction"] = {"windows": reconstructed, "decoding": "z = the mean of q(z | x); sampled: greedy"}
    return EvalResult(values, [], record)
