"""Small real runs for the report tests: trained for a few steps on the tiny Fashion-MNIST files."""

from genforge.cli.main import main


def train_tiny(tmp_path, tiny_data_dir, name: str, model: str = "dcgan", steps: int = 12, extra: tuple = ()) -> str:
    config = tmp_path / f"{name}.yaml"
    if model in ("dcgan", "hinge-cond"):
        conditional = "  conditional: true\n  loss: hinge\n" if model == "hinge-cond" else ""
        config.write_text("model:\n  name: dcgan\n  latent_dim: 8\n  generator_width: 8\n  discriminator_width: 8\n"
                          + conditional)
    else:
        config.write_text(f"model:\n  name: {model}\n  latent_dim: 4\n  width: 8\n")
    run = tmp_path / name
    assert main(["train", "--config", str(config), "--data-dir", str(tiny_data_dir), "--steps", str(steps),
                 "--batch-size", "16", "--checkpoint-every", "4", "--log-every", "2", "--out", str(run), *extra]) == 0
    return str(run)
