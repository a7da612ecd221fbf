"""The training flags of `genforge train`, owned by the layer that reads them (train_config.py; `--lr`
is every family's model.lr): a group of their own in --help. No torch."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TrainingFlag:
    flag: str
    section: str  # of the run config: "train" or "model"
    key: str
    options: dict = field(default_factory=dict)

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


TRAINING_FLAGS = (
    TrainingFlag("--steps", "train", "steps", {"type": int, "help": "stop after N steps"}),
    TrainingFlag("--minutes", "train", "minutes", {"type": float, "help": "stop after M minutes of training"}),
    TrainingFlag("--batch-size", "train", "batch_size", {"type": int}),
    TrainingFlag("--lr", "model", "lr", {"type": float, "help": "learning rate (of every optimizer of the model)"}),
    TrainingFlag("--lr-decay", "train", "lr_decay", {"choices": ["none", "linear"],
                                                     "help": "linear: rates fall to 0 at the end of the budget"}),
    TrainingFlag("--seed", "train", "seed", {"type": int}),
    TrainingFlag("--device", "train", "device", {"help": "cpu, cuda or cuda:N"}),
    TrainingFlag("--precision", "train", "precision", {"choices": ["fp32", "bf16", "fp16"],
                                                       "help": "autocast dtype (fp16 adds a gradient scaler)"}),
    TrainingFlag("--channels-last", "train", "channels_last", {"action": "store_const", "const": True,
                                                               "help": "NHWC memory layout (GPUs)"}),
    TrainingFlag("--compile", "train", "compile", {"metavar": "BACKEND", "nargs": "?", "const": "inductor",
                                                   "help": "torch.compile the networks (default backend: inductor)"}),
    TrainingFlag("--sync-batchnorm", "train", "sync_batchnorm", {"action": "store_const", "const": True,
                                                                 "help": "torchrun on GPUs: BatchNorm over the global batch"}),
    TrainingFlag("--checkpoint-every", "train", "checkpoint_every",
                 {"type": int, "metavar": "K", "help": "checkpoint and sample grid every K steps"}),
    TrainingFlag("--log-every", "train", "log_every", {"type": int, "metavar": "K",
                                                       "help": "a metrics.jsonl line every K steps"}),
    TrainingFlag("--eval-every", "train", "eval_every", {"type": int, "metavar": "K",
                                                         "help": "FID every K steps; keeps checkpoints/best"}),
    TrainingFlag("--eval-samples", "train", "eval_samples",
                 {"type": int, "metavar": "N", "help": "generated images per FID during training (5000)"}),
    TrainingFlag("--tensorboard", "train", "tensorboard", {"action": "store_const", "const": True,
                                                           "help": "also log to RUN/tb for TensorBoard"}),
)


def add_training_arguments(parser) -> None:
    group = parser.add_argument_group("training", "the budget, the optimiser's rate, the device, checkpoints and logs")
    for flag in TRAINING_FLAGS:
        group.add_argument(flag.flag, **flag.options)
