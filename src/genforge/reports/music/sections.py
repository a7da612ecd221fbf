"""A music run's sections of report.html: its samples as piano rolls, each with an <audio> player
(WAV files in report_files/), and its held-out NLL."""

from __future__ import annotations

from ...modalities.music.notes_of import sample_notes
from ...modalities.music.pictures import png_bytes, roll_picture
from ...modalities.music.rendering import render, synthesizer, wav_bytes
from ..html import escape, image, media_source, table


def audio(wav: bytes, label: str) -> str:
    return (f'<audio controls preload="auto" src="{escape(media_source(wav, ".wav", "audio/wav"))}" '
            f'aria-label="{escape(label)}"></audio>')


def sample_rows(samples) -> str:
    per_quarter = int(samples.conditioning.get("steps_per_quarter", 4))
    items = []
    for index, notes in enumerate(sample_notes(samples)):
        picture = png_bytes(roll_picture(notes, samples.values.shape[1], 4 * per_quarter))
        label = f"sample {index + 1}"
        items.append(f"<div class=\"music-sample\">{image(picture, label, caption=label)}"
                     f"{audio(wav_bytes(render(notes, per_quarter)), label)}</div>")
    return "".join(items)


def interpolation_section(path) -> str:
    """The melodies along the path, side by side, and one player of them in a row."""
    from ...modalities.music.notes_of import in_a_row

    per_quarter = int(path.conditioning.get("steps_per_quarter", 4))
    pieces = sample_notes(path)
    steps = path.values.shape[1]
    pictures = "".join(image(png_bytes(roll_picture(notes, steps, 4 * per_quarter)), f"step {index + 1}",
                             caption=f"{index + 1}") for index, notes in enumerate(pieces))
    joined = in_a_row(pieces, [steps] * len(pieces), 4 * per_quarter)
    return ("<section><h2>Interpolation</h2><p class=\"muted\">From the first held-out window to the last, along "
            "the spherical path between their codes (each decoded greedily), then all of them in a row.</p>"
            f"<div class=\"music-path\">{pictures}</div>{audio(wav_bytes(render(joined, per_quarter)), 'the path')}"
            "</section>")


def music_sections(run, data) -> list[str]:
    samples = data.get("samples")
    if samples is None:
        return []
    seed = samples.conditioning.get("seed")
    note = (f'<p class="muted">Drawn with seed {escape(seed)}; audio rendered with {synthesizer()} '
            f'(pretty_midi{"" if synthesizer() == "sine" else ", the General MIDI sound font it ships"}).</p>')
    sections = [f"<section><h2>Samples</h2>{note}{sample_rows(samples)}</section>"]
    if data.get("interpolation") is not None:
        sections.append(interpolation_section(data["interpolation"]))
    return sections


def distribution_tables(figures: dict) -> str:
    """MGEval's overlapped areas and KL (generated beside a second held-out set), and muspy's means."""
    rows = [[name, f"{both['generated']['overlapped area']:.3f}", f"{both['held-out']['overlapped area']:.3f}",
             f"{both['generated']['KL']:.3f}", f"{both['held-out']['KL']:.3f}"]
            for name, both in figures["mgeval"].items()]
    pieces = figures["pieces"]
    parts = [f"<h3>MGEval (Yang and Lerch 2018)</h3><p class=\"muted\">Distances to {pieces['reference']} held-out "
             f"pieces: of {pieces['generated']} samples, and of {pieces['held-out']} other held-out pieces (the "
             "reference figure). Overlapped area: 1 is best; KL: 0 is best.</p>",
             table(["feature", "overlapped area (samples)", "overlapped area (held-out)", "KL (samples)",
                    "KL (held-out)"], rows)]
    muspy = figures["muspy"]
    rows = [[name, f"{muspy['generated'][name]:.3f}", f"{muspy['held-out'][name]:.3f}"] for name in muspy["generated"]]
    parts += ["<h3>muspy (Dong et al. 2020), on the written MIDI</h3>",
              table(["figure", "samples", "held-out"], rows)]
    return "".join(parts)


def music_evaluation(record: dict | None) -> str:
    if not record:
        return ""
    likelihood = record.get("likelihood") or {}
    rows = [[name, f"{value:.4f}"] for name, value in (record.get("metrics") or {}).items()
            if not name.startswith("overlapped area")]
    described = (f'<p class="muted">On {escape(record.get("real", {}).get("source", "?"))}: '
                 f'{escape(likelihood.get("units", "?"))} units ({escape(likelihood.get("counted", ""))}).</p>')
    distribution = distribution_tables(record["distribution"]) if record.get("distribution") else ""
    return table(["measure", "value"], rows) + described + distribution
