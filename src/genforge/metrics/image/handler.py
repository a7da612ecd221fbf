"""The image modality's handler in the metrics layer: FID during training (`train.eval_every`)."""

from ..handlers import ModalityMetrics, register_metrics
from .during_training import training_fid

register_metrics(ModalityMetrics("image", {"fid": training_fid}))
