"""The music tools of a run: interpolation between two MIDI melodies, reconstructions of held-out
windows, attribute vectors (MusicVAE, Roberts et al. 2018, Sec. 5.4) and their transfer.

An attribute vector is the mean latent code (the mean of q(z | x)) of one set of melodies minus that
of another. Two are built from the run's own training windows: `density` (the quarter with the most
note-ons minus the quarter with the fewest) and `pitch` (the highest mean pitch minus the lowest);
`--add NAME --plus SOURCE --minus SOURCE` makes one from two sets (a music source's training
windows at the run's bars, such as bach-chorales minus essen-folk, or a folder of MIDI files). They
are kept in RUN/attributes.json (JSON; nothing is unpickled).
"""

from __future__ import annotations

import json
from pathlib import Path

import torch

from ...core.errors import GenforgeError
from ...core.storage import write_json_atomically
from ...data import load_split
from ...data.music.events import FIRST_PITCH_EVENT, notes_to_events
from ...data.music.midi_files import read_user_music
from ...data.sources import DATASETS, data_config
from ..handlers import ToolOutput

ATTRIBUTES_FILE = "attributes.json"
MAX_WINDOWS = 2000  # windows encoded per set


def melody_of_file(path: str, steps: int) -> torch.Tensor:
    """The first `steps` melody events of a MIDI file (its highest line; no-events after its end)."""
    report = read_user_music(Path(path), 4)
    if not report.pieces:
        reason = report.skipped[0].split(": ", 1)[-1] if report.skipped else "no MIDI file"
        raise GenforgeError(f"{path}: no melody to read ({reason})")
    events = notes_to_events(report.pieces[0].notes, length=steps)
    return torch.from_numpy(events)


def interpolate_files(model, a: str, b: str, steps: int) -> ToolOutput:
    length = model.grid().steps
    samples = model.interpolate(melody_of_file(a, length), melody_of_file(b, length), steps)
    return ToolOutput(samples=samples, count=2,
                      texts=[f"sample-0000 is {a}, sample-{steps - 1:04d} is {b}, each decoded; between them the "
                             "spherical path between their codes"])


def reconstruct_windows(model, held_out, n: int | None) -> ToolOutput:
    count = min(n or 8, len(held_out))
    originals = held_out.take(torch.arange(count)).x
    rebuilt = model.reconstruct(originals)
    paired = torch.stack([originals, rebuilt], dim=1).reshape(2 * count, -1)
    samples = model.samples_of(paired, pairs="original, reconstruction")
    return ToolOutput(samples=samples, count=count,
                      texts=["even samples are held-out windows, each odd one its reconstruction (decoded greedily)"])


def note_ons(x: torch.Tensor) -> torch.Tensor:
    return (x >= FIRST_PITCH_EVENT).sum(1).float()


def mean_pitch(x: torch.Tensor) -> torch.Tensor:
    pitched = x >= FIRST_PITCH_EVENT
    return (x * pitched).sum(1).float() / pitched.sum(1).clamp(min=1)


def quartile_split(x: torch.Tensor, measure) -> tuple[torch.Tensor, torch.Tensor]:
    order = torch.argsort(measure(x), stable=True)
    quarter = max(1, len(x) // 4)
    return x[order[-quarter:]], x[order[:quarter]]


def chosen(x: torch.Tensor) -> torch.Tensor:
    if len(x) <= MAX_WINDOWS:
        return x
    return x[torch.randperm(len(x), generator=torch.Generator().manual_seed(0))[:MAX_WINDOWS]]


def windows_of(source: str, config, steps: int) -> tuple[torch.Tensor, str]:
    """The training windows of a music source (at the run's bars) or of a folder of MIDI files."""
    path = Path(source)
    data = config.data
    if source in DATASETS.names() and DATASETS.get(source).modality == "music":
        values = {"bars": data.bars, "representation": "melody"}
        held = load_split(data_config(source, **values), "train")
        return chosen(held.events), f"{source}: train"
    if path.exists():
        held = load_split(data_config("midi", dir=str(path), bars=data.bars), "train")
        return chosen(held.events), f"{path}"
    raise GenforgeError(f"{source!r} is neither a music source ({', '.join(music_sources())}) nor a folder of MIDI files")


def music_sources() -> list[str]:
    return [name for name in DATASETS.names() if DATASETS.get(name).modality == "music" and name != "midi"]


def vector(model, plus: torch.Tensor, minus: torch.Tensor) -> list[float]:
    codes = [torch.cat([model.encode(part) for part in x.split(256)]).mean(0) for x in (plus, minus)]
    return (codes[0] - codes[1]).cpu().tolist()


def read_attributes(folder) -> dict:
    path = folder.root / ATTRIBUTES_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text())["attributes"]
    except (ValueError, KeyError, TypeError):
        raise GenforgeError(f"{path} is damaged; remove it and run genforge attributes again") from None


def attribute_vectors(folder, model, add: tuple[str, str, str] | None) -> list[str]:
    config = folder.read_config()
    attributes = read_attributes(folder)
    steps = model.grid().steps
    if not {"density", "pitch"} <= set(attributes):
        train = chosen(load_split(config.data, "train").events)
        for name, measure, most, least in (("density", note_ons, "the most note-ons", "the fewest"),
                                           ("pitch", mean_pitch, "the highest mean pitch", "the lowest")):
            plus, minus = quartile_split(train, measure)
            attributes[name] = {"vector": vector(model, plus, minus), "plus": f"the quarter with {most}",
                                "minus": f"the quarter with {least}", "windows": [len(plus), len(minus)]}
    if add is not None:
        name, plus_source, minus_source = add
        plus, plus_what = windows_of(plus_source, config, steps)
        minus, minus_what = windows_of(minus_source, config, steps)
        attributes[name] = {"vector": vector(model, plus, minus), "plus": plus_what, "minus": minus_what,
                            "windows": [len(plus), len(minus)]}
    write_json_atomically(folder.root / ATTRIBUTES_FILE, {"step": model.loaded_step, "attributes": attributes},
                          "the attribute vectors")
    return [f"{name}: {entry['plus']} minus {entry['minus']} ({entry['windows'][0]} and {entry['windows'][1]} windows, "
            f"|v| = {torch.tensor(entry['vector']).norm():.2f})" for name, entry in sorted(attributes.items())]


def transfer_file(folder, model, item: str, attribute: str, amount: float) -> ToolOutput:
    stored = read_attributes(folder)
    model.attributes = {name: entry["vector"] for name, entry in stored.items()}
    melody = melody_of_file(item, model.grid().steps)
    samples = model.transfer(melody[None], attribute, amount)
    return ToolOutput(samples=samples, count=1, texts=[f"{item} moved by {amount:g} x the {attribute!r} vector"])
