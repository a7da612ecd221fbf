"""Several processes with torchrun (gloo on the CPU): DDP and gradient averaging, rank 0 writes, resume across sizes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.distributed as dist
from helpers import write_photo
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel

from genforge.models.base import frozen
from genforge.training.checkpoint_files import read_checkpoint
from genforge.training.distributed import World, wrap_in_data_parallel
from genforge.training.step_engine import StepEngine
from genforge.training.run_folder import RunFolder

pytestmark = pytest.mark.distributed


def _average_in_two_processes(rank: int, store: str, results: str) -> None:
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=2)
    world = World(rank, 2)
    layer = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(layer.parameters(), lr=1.0)
    layer.weight.grad = torch.full_like(layer.weight, float(rank + 1))  # 1 in rank 0, 2 in rank 1
    layer.bias.grad = torch.full_like(layer.bias, float(10 * rank))
    world.average_gradients(optimizer)
    scalars, seconds, stop = world.agree({"loss": float(rank)}, seconds=1.0 + rank, stop=rank == 1)
    torch.save({"weight": layer.weight.grad, "bias": layer.bias.grad, "scalars": scalars,
                "seconds": seconds, "stop": stop}, f"{results}-{rank}.pt")
    dist.destroy_process_group()


def test_gradients_are_averaged_and_decisions_agreed(tmp_path):
    mp.spawn(_average_in_two_processes, args=(str(tmp_path / "store"), str(tmp_path / "out")), nprocs=2)
    for rank in (0, 1):
        result = torch.load(tmp_path / f"out-{rank}.pt", weights_only=True)
        assert torch.equal(result["weight"], torch.full((1, 2), 1.5))
        assert torch.equal(result["bias"], torch.full((1,), 5.0))
        assert result["scalars"] == {"loss": 0.5} and result["seconds"] == 2.0 and result["stop"] is True


class _NetworkAndLooseParameter(torch.nn.Module):
    """A network (wrapped in DDP) and a parameter outside any network (averaged by hand)."""

    def __init__(self):
        super().__init__()
        self.net = torch.nn.Linear(3, 2)
        self.scale = torch.nn.Parameter(torch.tensor(1.5))

    def loss(self, x):
        return (self.net(x) * self.scale).pow(2).mean()


def _data_parallel_in_two_processes(rank: int, store: str, results: str) -> None:
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=2)
    torch.manual_seed(0)
    model, batch = _NetworkAndLooseParameter(), torch.randn(8, 3)
    reference = _NetworkAndLooseParameter()
    reference.load_state_dict(model.state_dict())
    averaged = wrap_in_data_parallel(model, World(rank, 2), torch.device("cpu"))
    engine = StepEngine(world=World(rank, 2), averaged_by_ddp=averaged)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    engine.update(model.loss(batch.chunk(2)[rank]), optimizer)  # each process its half of the batch
    with frozen(model.net):  # a step with the network frozen (the GAN's generator step)
        engine.update(model.loss(batch.chunk(2)[rank]), optimizer)
    engine.update(model.loss(batch.chunk(2)[rank]), optimizer)  # DDP still in step afterwards
    # One process with the whole batch must reach the same weights.
    reference_optimizer = torch.optim.SGD(reference.parameters(), lr=0.1)
    for network_trains in (True, False, True):
        reference_optimizer.zero_grad(set_to_none=True)
        reference.net.requires_grad_(network_trains)
        reference.loss(batch).backward()
        reference_optimizer.step()
    torch.save({"wrapped": isinstance(model.net, DistributedDataParallel), "keys": sorted(model.state_dict()),
                "state": model.state_dict(), "reference": reference.state_dict()}, f"{results}-{rank}.pt")
    dist.destroy_process_group()


def test_networks_train_in_ddp_and_match_one_process_on_the_whole_batch(tmp_path):
    mp.spawn(_data_parallel_in_two_processes, args=(str(tmp_path / "store"), str(tmp_path / "out")), nprocs=2)
    for rank in (0, 1):
        result = torch.load(tmp_path / f"out-{rank}.pt", weights_only=True)
        assert result["wrapped"]
        assert result["keys"] == ["net.bias", "net.weight", "scale"], "checkpoint names as in one process"
        for key, value in result["reference"].items():
            torch.testing.assert_close(result["state"][key], value)


def test_a_world_of_one_changes_nothing():
    world = World()
    index = torch.arange(8)
    assert torch.equal(world.shard(index), index)
    assert World(1, 2).shard(index).tolist() == [4, 5, 6, 7]
    assert world.agree({"a": 1.0}, 3.0, False) == ({"a": 1.0}, 3.0, False)


def genforge(*args, processes: int = 1):
    launcher = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={processes}"]
    command = [*launcher, "-m", "genforge", *args] if processes > 1 else [sys.executable, "-m", "genforge", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@pytest.fixture
def tiny_run_args(tiny_data_dir, tmp_path):
    config = tmp_path / "tiny.yaml"
    config.write_text("model:\n  name: dcgan\n  latent_dim: 8\n  generator_width: 4\n  discriminator_width: 4\n")
    return ["--config", str(config), "--data-dir", str(tiny_data_dir), "--batch-size", "8",
            "--checkpoint-every", "2", "--log-every", "1"]


FAMILIES = {
    # a gradient penalty (double backward through the DDP-wrapped critic), 2 critic steps, an EMA generator
    "wgan-gp": "model:\n  name: wgan-gp\n  latent_dim: 8\n  generator_width: 4\n  discriminator_width: 4\n  ema_decay: 0.9\n"
               "  discriminator_steps: 2\n",
    # a learned decoder scale: a parameter outside the networks, averaged by hand
    "vae": "model:\n  name: vae\n  latent_dim: 4\n  width: 4\n  decoder: gaussian\n  learn_decoder_scale: true\n",
    # two optimisers, each with its own backward pass (autoencoder, then the PixelCNN prior)
    "vq-vae": "model:\n  name: vq-vae\n  width: 4\n  codebook_size: 8\n  code_dim: 4\n  prior_width: 8\n"
              "  prior_layers: 2\n",
    # text: token windows sharded between the processes, gradient clipping after the averaging
    "char-lm": "model:\n  name: char-lm\n  layers: 1\n  heads: 2\n  width: 16\n"
               "data:\n  name: tinyshakespeare\n  sequence_length: 16\n",
}


def test_every_family_trains_in_two_processes_and_only_rank_0_writes(tmp_path, tiny_data_dir, tiny_run_args):
    """The runs go one after another in one torchrun launch (tests/training/torchrun_many_runs.py)."""
    runs = [["train", *tiny_run_args, "--steps", "4", "--seed", "-1", "--out", str(tmp_path / "two")]]
    for family, text in sorted(FAMILIES.items()):
        config = tmp_path / f"{family}.yaml"
        config.write_text(text)
        data = [] if "tinyshakespeare" in text else ["--data-dir", str(tiny_data_dir)]
        runs.append(["train", "--config", str(config), *data, "--batch-size", "8", "--checkpoint-every", "2",
                     "--log-every", "1", "--steps", "3", "--out", str(tmp_path / family)])
    (tmp_path / "runs.json").write_text(json.dumps(runs))
    launcher = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2"]
    result = subprocess.run([*launcher, str(Path(__file__).with_name("torchrun_many_runs.py")),
                             str(tmp_path / "runs.json")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("Training finished at step 4") == 1, "rank 0 alone reports"
    steps = [record["step"] for record in RunFolder(tmp_path / "two").read_metrics()]
    assert steps == [1, 2, 3, 4], "one metrics line per step, not one per process"
    assert read_checkpoint(tmp_path / "two" / "checkpoints" / "step-00000004").state["processes"] == 2
    for family in FAMILIES:
        checkpoint = read_checkpoint(tmp_path / family / "checkpoints" / "step-00000003")
        assert checkpoint.state["processes"] == 2, family
        assert not any(".module." in name for name in checkpoint.tensors), f"{family}: names as in one process"
        assert all(torch.isfinite(t).all() for t in checkpoint.tensors.values() if t.is_floating_point()), family


@pytest.mark.parametrize("first, then", [(2, 1), (1, 2)])
def test_a_checkpoint_resumes_with_another_number_of_processes(tmp_path, tiny_run_args, first, then):
    run = tmp_path / "run"
    assert genforge("train", *tiny_run_args, "--steps", "2", "--out", str(run), processes=first).returncode == 0
    resumed = genforge("train", "--resume", str(run), "--steps", "4", processes=then)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    checkpoint = read_checkpoint(run / "checkpoints" / "step-00000004")
    assert checkpoint.state["processes"] == then
    assert all(torch.isfinite(tensor).all() for tensor in checkpoint.tensors.values() if tensor.is_floating_point())
    assert [r["step"] for r in RunFolder(run).read_metrics()] == [1, 2, 3, 4]


def test_two_processes_resume_exactly(tmp_path, tiny_run_args):
    """Only rank 0's RNG state is saved, so every other rank's noise must not depend on where the run stopped."""
    for index in range(16):  # noise photos, so that an x-flip changes them (the tiny Fashion-MNIST is symmetric)
        write_photo(tmp_path / "photos" / f"{index}.png", 32, 32, seed=index)
    args = [*tiny_run_args[:2], "--images", str(tmp_path / "photos"), "--image-size", "32", "--mirror",
            *tiny_run_args[4:]]
    full, split = tmp_path / "full", tmp_path / "split"
    for run, steps in ((full, "4"), (split, "2")):  # x-flip draws are split among the processes as the batch is
        result = genforge("train", *args, "--steps", steps, "--out", str(run), processes=2)
        assert result.returncode == 0, result.stderr[-2000:]
    assert genforge("train", "--resume", str(split), "--steps", "4", processes=2).returncode == 0
    a, b = (read_checkpoint(run / "checkpoints" / "step-00000004").tensors for run in (full, split))
    assert a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a)


def test_an_uneven_global_batch_is_a_one_line_error(tmp_path, tiny_run_args):
    args = [a if a != "8" else "7" for a in tiny_run_args]
    result = genforge("train", *args, "--steps", "2", "--out", str(tmp_path / "odd"), processes=2)
    assert result.returncode != 0  # torchrun then adds its own report of the failed workers
    assert "genforge: error: train.batch_size 7 (the global batch) must divide evenly among 2 processes" in result.stderr


def test_sync_batchnorm_with_a_gradient_penalty_through_batchnorm_is_refused(tmp_path, tiny_run_args):
    config = tmp_path / "r1.yaml"
    config.write_text("model:\n  name: dcgan\n  latent_dim: 8\n  generator_width: 4\n  discriminator_width: 4\n"
                      "  r1_penalty: 1.0\n")
    args = [a if a != tiny_run_args[1] else str(config) for a in tiny_run_args]
    result = genforge("train", *args, "--steps", "1", "--sync-batchnorm", "--out", str(tmp_path / "s"), processes=2)
    assert result.returncode != 0 and "SyncBatchNorm has no double backward" in result.stderr
    assert not (tmp_path / "s").exists()


def test_sync_batchnorm_on_the_cpu_is_refused(tmp_path, tiny_run_args):
    result = genforge("train", *tiny_run_args, "--steps", "1", "--sync-batchnorm", "--out", str(tmp_path / "s"))
    assert result.returncode == 2 and "needs CUDA" in result.stderr
