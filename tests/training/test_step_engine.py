"""The step engine: fp16 with a gradient scaler, channels-last and torch.compile, usable on the CPU."""

import pytest
import torch

from genforge.cli.main import main
from genforge.training.checkpoint_files import read_checkpoint
from genforge.training.step_engine import StepEngine


def test_fp16_scales_the_loss_and_skips_a_step_with_inf_gradients():
    layer = torch.nn.Linear(3, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=0.1)
    engine = StepEngine(torch.device("cpu"), "fp16")
    before = layer.weight.detach().clone()
    engine.update(layer(torch.ones(2, 3)).sum() * float("inf"), optimizer, "g")
    assert torch.equal(layer.weight, before), "an inf gradient skips the step"
    assert engine.skipped_steps == 1
    assert engine.state()["g"]["scale"] < 65536.0, "and lowers the scale"
    engine.update(layer(torch.ones(2, 3)).sum(), optimizer, "g")
    assert not torch.equal(layer.weight, before)
    assert torch.allclose(layer.weight.grad, torch.full((1, 3), 2.0)), "gradients are unscaled"


def test_fp16_channels_last_and_compile_train_and_resume(tmp_path, tiny_config_values):
    config = tmp_path / "tiny.yaml"
    config.write_text("model:\n  name: dcgan\n  latent_dim: 8\n  generator_width: 4\n  discriminator_width: 4\n")
    run = tmp_path / "run"
    flags = ["--config", str(config), "--data-dir", tiny_config_values["data"]["dir"], "--batch-size", "8",
             "--checkpoint-every", "2", "--precision", "fp16", "--channels-last", "--compile", "eager"]
    assert main(["train", *flags, "--steps", "2", "--out", str(run)]) == 0
    state = read_checkpoint(run / "checkpoints" / "step-00000002").state
    assert set(state["grad_scalers"]) == {"discriminator", "generator"}
    assert main(["train", "--resume", str(run), "--steps", "4"]) == 0
    tensors = read_checkpoint(run / "checkpoints" / "step-00000004").tensors
    assert not any("_orig_mod" in key for key in tensors), "compiling keeps parameter names"
    assert main(["train", "--resume", str(run), "--steps", "6", "--precision", "fp32"]) == 0, "as a GPU run goes on a CPU"
    assert set(read_checkpoint(run / "checkpoints" / "step-00000006").state["grad_scalers"]) == {"discriminator", "generator"}


R1_DCGAN = "model:\n  name: dcgan\n  r1_penalty: 1.0\n"  # BatchNorm in D, differentiated twice by R1


@pytest.mark.parametrize("model, flags, message", [
    ("wgan-gp", ["--compile", "eager"], "--compile cannot train this model: its discriminator is differentiated twice"),
    ("wgan-gp", ["--precision", "fp16"], "underflows in fp16; use --precision bf16"),
    (R1_DCGAN, ["--sync-batchnorm"], "needs CUDA GPUs"),  # one process: nothing to synchronise, only the CPU refused
])
def test_options_a_gradient_penalty_cannot_train_with_are_refused(tmp_path, tiny_config_values, capsys,
                                                                    model, flags, message):
    if model.startswith("model:"):
        (tmp_path / "model.yaml").write_text(model)
        model_flags = ["--config", str(tmp_path / "model.yaml")]
    else:
        model_flags = ["--model", model]
    assert main(["train", *model_flags, "--data-dir", tiny_config_values["data"]["dir"], "--steps", "1",
                 *flags, "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "run").exists()


def test_a_skipped_fp16_step_leaves_no_inf_gradients():
    layer = torch.nn.Linear(3, 1)
    engine = StepEngine(torch.device("cpu"), "fp16")
    engine.update(layer(torch.ones(2, 3)).sum() * float("inf"), torch.optim.SGD(layer.parameters(), lr=0.1), "g")
    assert layer.weight.grad is None and engine.skipped_steps == 1, "the guard sees no inf gradient norm"
