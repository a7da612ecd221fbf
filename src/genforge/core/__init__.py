"""The modality-neutral core: what every layer above agrees on, and nothing about images or text.

- `Batch`: the named tensors one training step consumes (batch.py)
- `Samples`: what a model's `sample` returns, tagged with its modality (samples.py)
- `Capabilities`: what a model declares it can do, checked by the commands (capabilities.py)
- `DataSpec`: the shape of a dataset's items, which a model is fitted to (spec.py)
- `Modality` and `MODALITIES`: how a kind of data is written, previewed and measured (modality.py)
- `Metric`: a named figure that declares whether higher is better (metric.py)
- `Callback`, `TrainingHooks`: what the training loop calls, handed in from above (callbacks.py)
- config fields: ranges and choices checked as a config is read (config_fields.py, no torch)

The core imports no model, no data source and no modality: they all import it. Its names load on
first use, so reading a config (config_fields) costs no torch import.
"""

from .lazy import lazy_attributes

__all__ = ["Batch", "Callback", "TrainingHooks", "Capabilities", "CapabilityError", "DataSpec", "Metric", "MODALITIES",
           "Modality", "Samples"]

__getattr__ = lazy_attributes(__name__, {
    "Batch": ".batch", "Callback": ".callbacks", "TrainingHooks": ".callbacks", "Capabilities": ".capabilities",
    "CapabilityError": ".capabilities", "Metric": ".metric", "MODALITIES": ".modality", "Modality": ".modality",
    "Samples": ".samples", "DataSpec": ".spec"})
