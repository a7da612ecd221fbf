"""The music modality's handler in the metrics layer: the validation NLL at every checkpoint."""

from ..handlers import ModalityMetrics, register_metrics
from .likelihood import MusicValidationLoss

register_metrics(ModalityMetrics("music", {"val-loss": lambda config: MusicValidationLoss(config.data)}))
