"""Model families, one package each (its config.py and model.py side by side), found by name in
MODELS. The configs register without torch (model_config.py); a family's networks load on first use."""

from ..core.lazy import lazy_attributes

__all__ = ["GenerativeModel", "MODELS", "build_model"]

__getattr__ = lazy_attributes(__name__, {"GenerativeModel": ".base", "MODELS": ".families",
                                         "build_model": ".families"})
