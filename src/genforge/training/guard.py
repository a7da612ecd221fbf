"""The stability guard: notice a failing run and send it back to its last good checkpoint.

Three signs, checked after every step: a NaN or Inf among the step's scalars, a gradient norm above
a limit (the model reports `grad_norm_*`), or the model family's own diagnosis (for GANs, a
discriminator that has won outright). The loop then rolls back, lowers the learning rates, logs
the event, and goes on; after too many rollbacks it stops with a message.
"""

from __future__ import annotations

import math

from .train_config import TrainConfig
from ..models import GenerativeModel


def instability(scalars: dict[str, float], model: GenerativeModel, config: TrainConfig) -> str | None:
    for key, value in scalars.items():
        if not math.isfinite(value):
            return f"{key} is {value}"
    for key, value in scalars.items():
        if key.startswith("grad_norm") and value > config.guard_max_grad_norm:
            return f"{key} = {value:.3g} exceeds {config.guard_max_grad_norm:g}"
    return model.diagnose(scalars)


def scale_learning_rates(optimizers: dict, base_rates: dict[str, list[float]], scale: float) -> None:
    """Set every parameter group's rate to its initial rate times `scale`."""
    for name, optimizer in optimizers.items():
        for group, base in zip(optimizer.param_groups, base_rates[name]):
            group["lr"] = base * scale
