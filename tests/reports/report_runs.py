"""Small real runs for the report tests: trained for a few steps on the tiny Fashion-MNIST files, once
per distinct run and test process (shared_runs.py), each test working on a copy of its own."""

from pathlib import Path

from shared_runs import shared_run

from genforge.cli.main import main


def train_tiny(tmp_path, tiny_data_dir, name: str, model: str = "dcgan", steps: int = 12, extra: tuple = ()) -> str:
    key = ("train_tiny", model, steps, tuple(extra), str(tiny_data_dir))
    return str(shared_run(key, lambda folder: trained(folder, tiny_data_dir, model, steps, extra), Path(tmp_path) / name))


def trained(run: Path, tiny_data_dir, model: str, steps: int, extra: tuple) -> None:
    run.parent.mkdir(parents=True, exist_ok=True)
    config = run.parent / f"{run.name}.yaml"
    if model in ("dcgan", "hinge-cond"):
        conditional = "  conditional: true\n  loss: hinge\n" if model == "hinge-cond" else ""
        config.write_text("model:\n  name: dcgan\n  latent_dim: 8\n  generator_width: 8\n  discriminator_width: 8\n"
                          + conditional)
    else:
        config.write_text(f"model:\n  name: {model}\n  latent_dim: 4\n  width: 8\n")
    assert main(["train", "--config", str(config), "--data-dir", str(tiny_data_dir), "--steps", str(steps),
                 "--batch-size", "16", "--checkpoint-every", "4", "--log-every", "2", "--out", str(run), *extra]) == 0
