"""Several processes with torchrun (gloo on the CPU): gradient averaging, rank 0 writes, resume across sizes."""

import json
import subprocess
import sys

import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from genforge.training.checkpoint import read_checkpoint
from genforge.training.distributed import World
from genforge.training.run_folder import RunFolder


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


def test_two_processes_train_and_only_rank_0_writes(tmp_path, tiny_run_args):
    run = tmp_path / "two"
    result = genforge("train", *tiny_run_args, "--steps", "4", "--out", str(run), processes=2)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("Training finished at step 4") == 1
    steps = [record["step"] for record in RunFolder(run).read_metrics()]
    assert steps == [1, 2, 3, 4], "one metrics line per step, not one per process"
    state = read_checkpoint(run / "checkpoints" / "step-00000004").state
    assert state["processes"] == 2


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


def test_an_uneven_global_batch_is_a_one_line_error(tmp_path, tiny_run_args):
    args = [a if a != "8" else "7" for a in tiny_run_args]
    result = genforge("train", *args, "--steps", "2", "--out", str(tmp_path / "odd"), processes=2)
    assert result.returncode != 0  # torchrun then adds its own report of the failed workers
    assert "genforge: error: train.batch_size 7 (the global batch) must divide evenly among 2 processes" in result.stderr


def test_sync_batchnorm_on_the_cpu_is_refused(tmp_path, tiny_run_args):
    result = genforge("train", *tiny_run_args, "--steps", "1", "--sync-batchnorm", "--out", str(tmp_path / "s"))
    assert result.returncode == 2 and "needs CUDA" in result.stderr
