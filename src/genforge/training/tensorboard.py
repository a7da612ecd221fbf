"""`--tensorboard`: scalars, FID and sample grids also go to RUN/tb (`tensorboard --logdir RUN/tb`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..core.errors import ConfigError


class TensorBoardLog:
    """Checks for the package at once (before the run folder is touched); opens RUN/tb on first use."""

    def __init__(self, root: Path):
        try:
            from torch.utils.tensorboard import SummaryWriter
        except ImportError:
            raise ConfigError("--tensorboard needs the tensorboard package: pip install tensorboard "
                              "(or install genforge with its [tensorboard] extra)") from None
        self._open = lambda purge_step: SummaryWriter(log_dir=str(root / "tb"), purge_step=purge_step)
        self._writer = None
        self._purge_step: int | None = None

    def continue_from(self, step: int) -> None:
        """After a resume or rollback: events logged after `step` are dropped, as metrics.jsonl's are."""
        self.close()
        self._writer, self._purge_step = None, step + 1

    @property
    def writer(self):
        if self._writer is None:
            self._writer = self._open(self._purge_step)
        return self._writer

    def scalars(self, step: int, values: dict[str, float]) -> None:
        for name, value in values.items():
            if name not in ("step", "seconds") and isinstance(value, (int, float)):
                self.writer.add_scalar(name.replace("[", "/").rstrip("]"), value, step)
        self.writer.flush()

    def image(self, step: int, name: str, path: Path) -> None:
        from PIL import Image

        with Image.open(path) as picture:
            self.writer.add_image(name, np.asarray(picture.convert("RGB")), step, dataformats="HWC")
        self.writer.flush()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
