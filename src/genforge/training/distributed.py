"""Several processes training one model with torch.distributed, as started by torchrun.

    torchrun --nproc_per_node N -m genforge train ...      (gloo on CPUs, NCCL on GPUs)

Every process builds the same model from the same seed and takes its slice of each global batch
(train.batch_size is the global batch). Each trainable network of the model (a GAN's generator
and discriminator, a VAE's encoder and decoder, ...) runs inside DistributedDataParallel, which
averages its gradients during the backward pass, so the processes stay identical; only rank 0
writes files.

How DDP meets the model families without special cases in them:
- The wrapper only sits on the call path: `model.generator` calls the DDP wrapper, while the
  module tree (state_dict, parameters, checkpoints) still holds the plain network, so checkpoint
  names do not depend on the number of processes.
- A GAN calls its discriminator several times before one backward pass (real, fake, the gradient
  penalty's interpolates); DDP's reducer handles that, since each parameter's gradient is
  accumulated once per backward.
- During the generator's update the discriminator is frozen (models.base.frozen), which also
  turns off the wrapper's gradient sync: no gradient of it is produced, so none is awaited.
- Buffers are not broadcast (broadcast_buffers=False): rank 0 alone samples between steps, and a
  broadcast in those forward passes would wait for the other ranks forever.
- A parameter that belongs to no network (a VAE's learned decoder scale) is averaged by one
  flattened all_reduce at its optimiser's step (`average_gradients`).
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch._utils import _flatten_dense_tensors, _unflatten_dense_tensors

from ..core.errors import ConfigError
from .devices import make_current


@dataclass(frozen=True)
class World:
    rank: int = 0
    size: int = 1
    local_rank: int = 0
    # Whether this run opened the process group (and so closes it). A caller that opened it
    # itself (several runs in one torchrun launch) keeps it open between the runs: destroying
    # and re-creating a group from the same torchrun store hangs on the second rendezvous.
    owns_group: bool = False

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def distributed(self) -> bool:
        return self.size > 1

    def shard(self, index: torch.Tensor) -> torch.Tensor:
        """This process's contiguous slice of a global batch."""
        return index.chunk(self.size)[self.rank] if self.distributed else index

    def average_gradients(self, optimizer: torch.optim.Optimizer, already_averaged: frozenset[int] = frozenset()) -> None:
        """Average the gradients of the optimiser's parameters that DDP has not averaged (by id)."""
        if not self.distributed:
            return
        grads = [p.grad for group in optimizer.param_groups for p in group["params"]
                 if p.grad is not None and id(p) not in already_averaged]
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
    """Join the process group torchrun describes in the environment, bound to this process's
    device (its local rank's GPU under torchrun); a lone process is World() on `device`."""
    size = int(os.environ.get("WORLD_SIZE", "1"))
    if size == 1:
        make_current(device)
        return World(), device
    rank, local_rank = int(os.environ["RANK"]), int(os.environ.get("LOCAL_RANK", "0"))
    if device.type == "cuda":
        if local_rank >= torch.cuda.device_count():
            raise ConfigError(f"torchrun started process {local_rank} on this machine, but it has "
                              f"{torch.cuda.device_count()} CUDA GPU(s): use --nproc_per_node of at most that")
        device = torch.device("cuda", local_rank)
        make_current(device)  # before the process group, so NCCL binds this GPU
    opened = not dist.is_initialized()
    if opened:
        # NCCL only moves CUDA tensors; the small agreement tensors stay on the CPU with gloo.
        # The long timeout covers rank 0 building a photo cache while the others wait.
        backend = "cpu:gloo,cuda:nccl" if device.type == "cuda" else "gloo"
        dist.init_process_group(backend, timeout=datetime.timedelta(hours=3))
    return World(rank, size, local_rank, owns_group=opened), device


def leave_world(world: World) -> None:
    if world.distributed and world.owns_group and dist.is_initialized():
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
    for name, child in trainable_networks(model):
        setattr(model, name, nn.SyncBatchNorm.convert_sync_batchnorm(child))


def trainable_networks(model: nn.Module) -> list[tuple[str, nn.Module]]:
    """The model's child networks that an optimiser trains (not an EMA copy)."""
    return [(name, child) for name, child in model.named_children()
            if any(p.requires_grad for p in child.parameters())]


class NetworkInDDP(DistributedDataParallel):
    """DDP whose wrapper also answers for the network's own attributes and methods (the VQ-VAE
    prior's `sample`), which run the plain network: only forward passes go through DDP."""

    def __getattr__(self, name: str):
        try:
            return super().__getattr__(name)
        except AttributeError:
            if name == "module":  # not set yet (inside DDP's constructor)
                raise
            return getattr(self.module, name)


def wrap_in_data_parallel(model: nn.Module, world: World, device: torch.device) -> frozenset[int]:
    """Route calls to each trainable network through DistributedDataParallel; returns the ids of
    the parameters whose gradients DDP now averages.

    The wrapper is set as an instance attribute, which Python finds before nn.Module's registered
    children: `model.generator(...)` runs DDP, while `model.state_dict()`, `.parameters()`,
    `.train()` and checkpoints see the plain network, with the same names as in one process.
    """
    if not world.distributed:
        return frozenset()
    averaged = set()
    device_ids = [device.index] if device.type == "cuda" else None
    for name, network in trainable_networks(model):
        wrapper = NetworkInDDP(network, device_ids=device_ids, broadcast_buffers=False)
        object.__setattr__(model, name, wrapper)
        averaged.update(id(p) for p in network.parameters())
    return frozenset(averaged)
