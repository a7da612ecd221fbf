"""Several processes training one model with torch.distributed, as started by torchrun.

    torchrun --nproc_per_node N -m genforge train ...      (gloo on CPUs, NCCL on GPUs)

Every process builds the same model from the same seed and takes its slice of each global batch
(train.batch_size is the global batch). Gradients are averaged across processes before every
optimiser step, so the processes stay identical; only rank 0 writes files.

Why gradients are averaged at the optimiser step rather than by wrapping networks in
DistributedDataParallel: a GAN step calls its networks several times per backward pass, with
the discriminator frozen during the generator's update, and the gradient penalties take
gradients of gradients. DDP's reducer assumes one forward and one backward per iteration and
needs special cases for each of those. Averaging the gradients of the parameters an optimiser is
about to step (one flattened all_reduce per optimiser, the scheme of StyleGAN3's training loop)
is the same arithmetic for every model family, with no special cases.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn
from torch._utils import _flatten_dense_tensors, _unflatten_dense_tensors

from ..errors import ConfigError


@dataclass(frozen=True)
class World:
    rank: int = 0
    size: int = 1
    local_rank: int = 0

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.size > 1

    def shard(self, index: torch.Tensor) -> torch.Tensor:
        """This process's contiguous slice of a global batch."""
        return index.chunk(self.size)[self.rank] if self.distributed else index

    def average_gradients(self, optimizer: torch.optim.Optimizer) -> None:
        if not self.distributed:
            return
        grads = [p.grad for group in optimizer.param_groups for p in group["params"] if p.grad is not None]
        if not grads:
            return
        flat = _flatten_dense_tensors(grads)
        dist.all_reduce(flat)
        flat.div_(self.size)
        for grad, averaged in zip(grads, _unflatten_dense_tensors(flat, grads)):
            grad.copy_(averaged)

    def agree(self, scalars: dict[str, float], seconds: float, stop: bool) -> tuple[dict[str, float], float, bool]:
        """Mean scalars, the slowest clock and any stop request, the same in every process, so that
        every process logs, rolls back and stops at the same step."""
        if not self.distributed:
            return scalars, seconds, stop
        keys = sorted(scalars)
        values = torch.tensor([scalars[k] for k in keys] + [0.0, 0.0], dtype=torch.float64)
        dist.all_reduce(values)
        values[: len(keys)] /= self.size
        peak = torch.tensor([seconds, float(stop)], dtype=torch.float64)
        dist.all_reduce(peak, op=dist.ReduceOp.MAX)
        return dict(zip(keys, values[: len(keys)].tolist())), float(peak[0]), bool(peak[1])

    def barrier(self) -> None:
        if self.distributed:
            dist.barrier()


def join_world(device: torch.device) -> tuple[World, torch.device]:
    """Join the process group torchrun describes in the environment; a lone process is World()."""
    size = int(os.environ.get("WORLD_SIZE", "1"))
    if size == 1:
        return World(), device
    rank, local_rank = int(os.environ["RANK"]), int(os.environ.get("LOCAL_RANK", "0"))
    if device.type == "cuda":
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    if not dist.is_initialized():
        # NCCL only moves CUDA tensors; the small agreement tensors stay on the CPU with gloo.
        # The long timeout covers rank 0 building a photo cache while the others wait.
        backend = "cpu:gloo,cuda:nccl" if device.type == "cuda" else "gloo"
        dist.init_process_group(backend, timeout=datetime.timedelta(hours=3))
    return World(rank, size, local_rank), device


def leave_world(world: World) -> None:
    if world.distributed and dist.is_initialized():
        dist.destroy_process_group()


def synchronise_batchnorm(model: nn.Module, world: World, device: torch.device) -> None:
    """SyncBatchNorm in the trained networks: batch statistics over the global batch.

    Networks without trainable parameters (an EMA copy) are left alone: rank 0 alone runs them
    to sample, and a synchronised layer there would wait for the others forever.
    """
    if device.type != "cuda":
        raise ConfigError("train.sync_batchnorm needs CUDA GPUs: PyTorch's SyncBatchNorm has no CPU kernel")
    if not world.distributed:
        return
    for name, child in list(model.named_children()):
        if any(p.requires_grad for p in child.parameters()):
            setattr(model, name, nn.SyncBatchNorm.convert_sync_batchnorm(child))
