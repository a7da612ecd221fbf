"""The music tools on a tiny MusicVAE run: sampling to a folder and refusing --bars it was not trained
for, interpolation between two MIDI files, reconstructions, attribute vectors and their transfer,
genforge eval's figures, and the report's audio players (the browser test checks that they load)."""

import json

import pretty_midi
import pytest

from genforge.cli.main import main
from genforge.data.music.midi_files import midi_bytes
from genforge.data.music.notes import Note
from shared_runs import shared_run

TINY_VAE = ["--model", "music-vae", "--dataset", "jsb-chorales", "--max-pieces", "16", "--steps", "3",
            "--batch-size", "8", "--checkpoint-every", "3", "--log-every", "1"]


def train_tiny_vae(folder):
    config = folder.parent / "tiny-music-vae.yaml"
    config.write_text("model:\n  name: music-vae\n  latent_dim: 4\n  encoder_width: 8\n  decoder_width: 8\n"
                      "  decoder_layers: 1\n")
    assert main(["train", "--config", str(config), *TINY_VAE[2:], "--out", str(folder)]) == 0


@pytest.fixture
def vae_run(tmp_path):
    return shared_run("tiny-music-vae", train_tiny_vae, tmp_path / "run")


def melody_file(path, pitches):
    path.write_bytes(midi_bytes([Note(p, 2 * i, 2 * i + 2) for i, p in enumerate(pitches)], 4))
    return str(path)


def test_samples_go_to_a_folder_and_bars_the_model_was_not_trained_for_are_one_line(vae_run, tmp_path, capsys):
    assert main(["sample", str(vae_run), "--n", "2", "--seed", "1", "--out", str(tmp_path / "songs")]) == 0
    assert sorted(p.suffix for p in (tmp_path / "songs").iterdir()) == [".mid", ".mid", ".png", ".png", ".wav",
                                                                        ".wav", ".wav"]
    assert main(["sample", str(vae_run), "--bars", "16", "--out", str(tmp_path / "long")]) == 2
    assert "trained on 2 bars); --bars 16 needs a model trained with --bars 16" in capsys.readouterr().err
    assert not (tmp_path / "long").exists()


def test_interpolation_between_two_midi_files_and_reconstructions(vae_run, tmp_path):
    a = melody_file(tmp_path / "a.mid", [60, 62, 64, 65, 67, 69, 71, 72])
    b = melody_file(tmp_path / "b.mid", [72, 71, 69, 67])
    assert main(["interpolate", str(vae_run), "--a", a, "--b", b, "--steps", "5", "--out", str(tmp_path / "path")]) == 0
    assert len(list((tmp_path / "path").glob("sample-*.mid"))) == 5
    assert main(["reconstruct", str(vae_run), "--n", "3", "--out", str(tmp_path / "rec.mid")]) == 0
    assert len(pretty_midi.PrettyMIDI(str(tmp_path / "rec.mid")).instruments) == 1


def test_attribute_vectors_are_made_listed_and_transferred(vae_run, tmp_path, capsys):
    assert main(["attributes", str(vae_run)]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("density: the quarter with the most note-ons minus") and "pitch: " in listed
    assert set(json.loads((vae_run / "attributes.json").read_text())["attributes"]) == {"density", "pitch"}
    song = melody_file(tmp_path / "song.mid", [60, 64, 67, 72])
    assert main(["transfer", str(vae_run), "--input", song, "--attribute", "pitch", "--amount", "1.5",
                 "--out", str(tmp_path / "higher.mid")]) == 0
    assert (tmp_path / "higher.mid").stat().st_size > 0
    assert main(["transfer", str(vae_run), "--input", song, "--attribute", "jazz", "--out", str(tmp_path / "x.mid")]) == 2
    assert "no attribute vector 'jazz'; it has: density, pitch" in capsys.readouterr().err


def test_eval_writes_the_nll_bound_reconstruction_accuracies_and_mgeval_beside_the_held_out_reference(vae_run):
    assert main(["eval", str(vae_run), "--n", "24"]) == 0
    record = json.loads((vae_run / "eval.json").read_text())
    assert (record["modality"], record["kind"]) == ("music", "music-evaluation")
    assert {"NLL bound (nats/event)", "reconstruction accuracy (teacher-forced)",
            "reconstruction accuracy (sampled)"} < set(record["metrics"])
    areas = [name for name in record["metrics"] if name.startswith("overlapped area:")]
    assert len(areas) == 16 and sum(name.endswith("(held-out reference)") for name in areas) == 8
    assert record["distribution"]["pieces"] == {"reference": 24, "held-out": 24, "generated": 24}
    assert set(record["distribution"]["muspy"]["generated"]) == set(record["distribution"]["muspy"]["held-out"])
    assert all(0 <= record["metrics"][f"reconstruction accuracy ({how})"] <= 1 for how in ("teacher-forced", "sampled"))
    assert record["real"]["source"] == "jsb-chorales:test"


def test_the_python_api_gives_pretty_midi_objects_and_writes_midi(vae_run, tmp_path):
    import genforge
    from genforge.pipelines.music.notes import pretty_midis, write_midis

    samples = genforge.load(vae_run).sample(3, seed=2)
    midis = pretty_midis(samples)
    assert len(midis) == 3 and all(isinstance(midi, pretty_midi.PrettyMIDI) for midi in midis)
    paths = write_midis(samples, tmp_path / "api")
    assert [path.name for path in paths] == ["sample-0000.mid", "sample-0001.mid", "sample-0002.mid"]
    assert [n.pitch for n in pretty_midi.PrettyMIDI(str(paths[0])).instruments[0].notes] == \
        [n.pitch for n in midis[0].instruments[0].notes]


def test_the_report_shows_samples_and_the_interpolation_with_audio_beside_the_page(vae_run):
    import re
    from urllib.parse import unquote

    assert main(["report", str(vae_run)]) == 0
    page = (vae_run / "report.html").read_text()
    assert "<h2>Samples</h2>" in page and "<h2>Interpolation</h2>" in page
    sources = re.findall(r'<audio[^>]* src="([^"]+)"', page)
    assert len(sources) == 5  # four samples and the path
    assert all((vae_run / unquote(source)).stat().st_size > 44 for source in sources)
