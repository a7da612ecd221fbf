"""The music modality's handler in the metrics layer: the validation NLL at every checkpoint, for the
families that declare a likelihood (a GAN has none, and is not validated while it trains)."""

from ...models import MODELS
from ..handlers import ModalityMetrics, register_metrics
from .likelihood import MusicValidationLoss


def validation_nll(config):
    if "likelihood" not in MODELS.get(config.model.name).CAPABLE_OF:
        return None
    return MusicValidationLoss(config.data)


register_metrics(ModalityMetrics("music", {"val-loss": validation_nll}))
