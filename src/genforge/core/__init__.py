"""The modality-neutral core: what every layer above agrees on, and nothing about images or text.

- `Batch`: the named tensors one training step consumes (batch.py)
- `Samples`: what a model's `sample` returns, tagged with its modality (samples.py)
- `Capabilities`: what a model declares it can do, checked by the commands (capabilities.py)
- `DataSpec`: the shape of a dataset's items, which a model is fitted to (spec.py)
- `Modality` and `MODALITIES`: how a kind of data is written, previewed and measured (modality.py)
- `Metric`: a named figure that declares whether higher is better (metric.py)
- `Callback`, `TrainingHooks`: what the training loop calls, handed in from above (callbacks.py)

The core imports no model, no data source and no modality: they all import it.
"""

from .batch import Batch
from .callbacks import Callback, TrainingHooks
from .capabilities import Capabilities, CapabilityError
from .metric import Metric
from .modality import MODALITIES, Modality
from .samples import Samples
from .spec import DataSpec

__all__ = ["Batch", "Callback", "TrainingHooks", "Capabilities", "CapabilityError", "DataSpec", "Metric", "MODALITIES", "Modality", "Samples"]
