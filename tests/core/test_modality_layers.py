"""A new kind of data is a folder: every modality has a handler in every layer's registry, and the
neutral modules of the layers name no modality.

The rule of the second test: no string literal equal to a modality's name in any module outside a
modality's package (`<layer>/<modality>/`) and outside `models/` (each family serves the modality it
declares; its shared bases, models/latent_image.py and models/text_model.py, belong to their
modality's families). The named exception, with its reason:
- core/config_fields.py: "must be text", the English word in a type error.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import genforge
from genforge.core import MODALITIES

PACKAGE = Path(genforge.__file__).parent
EXCEPTIONS = {"core/config_fields.py": {"text"}}
LAYERS = ("cli", "core", "data", "metrics", "modalities", "models", "objectives", "pipelines", "reports", "training")


def registries() -> dict[str, set[str]]:
    """Each layer's modalities: the names its handlers (or, for data, its sources) are registered under."""
    import genforge.modalities  # noqa: F401  (registers the modalities)
    from genforge.data import DATASETS
    from genforge.metrics.handlers import METRICS
    from genforge.pipelines.handlers import PIPELINES
    from genforge.reports.handlers import REPORTS

    return {"modalities": set(MODALITIES.names()),
            "data": {DATASETS.get(name).modality for name in DATASETS.names()},
            "metrics": set(METRICS.names()), "pipelines": set(PIPELINES.names()), "reports": set(REPORTS.names())}


def test_every_modality_has_a_handler_in_every_layer():
    layers = registries()
    modalities = layers["modalities"]
    assert {"image", "text"} <= modalities
    for layer, names in layers.items():
        assert names == modalities, f"{layer}: handlers for {sorted(names)}, modalities {sorted(modalities)}"


def test_every_modality_has_a_package_in_each_layer_with_modality_code():
    for name in MODALITIES.names():
        for layer in ("data", "metrics", "modalities", "pipelines", "reports"):
            assert (PACKAGE / layer / name / "__init__.py").is_file(), f"{layer}/{name}/ is missing"


def modality_literals(path: Path, names: set[str]) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text())
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names]


def test_neutral_modules_name_no_modality():
    names = set(registries()["modalities"])
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "models" or any(part in names for part in relative.parts[:-1]):
            continue
        allowed = EXCEPTIONS.get(relative.as_posix(), set())
        found += [f"{relative}:{line} {value!r}" for line, value in modality_literals(path, names) if value not in allowed]
    assert not found, "modality names in neutral modules: " + ", ".join(found)


def test_the_rule_catches_a_modality_name():
    """The scan sees what it is meant to see (a test that cannot fail proves nothing)."""
    assert modality_literals(PACKAGE / "modalities" / "image" / "modality.py", {"image"})


def test_every_module_lies_in_a_layer():
    """No top-level module outside a layer, beyond the package's own entry points."""
    top = {module.name for module in pkgutil.iter_modules([str(PACKAGE)])}
    assert top - set(LAYERS) == {"version", "__main__"}


def test_each_layers_handler_module_imports():
    """Each layer's handler modules load (the registries find them by folder)."""
    for layer in ("metrics", "pipelines", "reports"):
        for name in MODALITIES.names():
            importlib.import_module(f"genforge.{layer}.{name}.handler")
