"""The text modality's handler in the metrics layer: the validation loss at every checkpoint."""

from ..handlers import ModalityMetrics, register_metrics
from ..validation_loss import validation_loss

register_metrics(ModalityMetrics("text", {"val-loss": validation_loss}))
