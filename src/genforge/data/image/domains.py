"""Two unpaired image domains for style transfer (CycleGAN): two classes of one labelled source
(`--domain-a sneaker --domain-b ankle-boot`, by class name or index), each its own index stream
(`a`, `b`), of its own size, so that an epoch of one is not an epoch of the other."""

from __future__ import annotations

import dataclasses

import torch

from ...core import Batch
from ...core.errors import ConfigError
from .image_set import ImageSpec


def normalised(name: str) -> str:
    return name.lower().replace("_", "-").replace(" ", "-").replace("/", "-")


def class_index(data, chosen: str, flag: str) -> int:
    """The class `chosen` names: an index, or a class name (case, spaces and hyphens aside)."""
    names = [normalised(name) for name in data.class_names]
    if not names:
        raise ConfigError(f"{flag} {chosen}: this data has no classes to choose a domain from")
    if chosen.isdigit() and int(chosen) < len(names):
        return int(chosen)
    if normalised(chosen) in names:
        return names.index(normalised(chosen))
    raise ConfigError(f"{flag} {chosen} is not a class of this data ({', '.join(data.class_names)})")


class TwoDomains:
    """The images of two classes of an ImageSet: `take({"a": i, "b": j})` -> Batch(a=..., b=...)."""

    modality = "image"

    def __init__(self, images, indices: dict[str, torch.Tensor], names: tuple[str, str]):
        self.images_set, self.indices, self.names = images, indices, names

    @classmethod
    def of(cls, images, config) -> "TwoDomains":
        if images.labels is None:
            raise ConfigError("--domain-a and --domain-b choose two classes of a labelled source (fashion-mnist, "
                              "celeba with --attributes, a folder with --classes)")
        chosen = {"a": class_index(images, config.domain_a, "--domain-a"),
                  "b": class_index(images, config.domain_b, "--domain-b")}
        if chosen["a"] == chosen["b"]:
            raise ConfigError(f"--domain-a and --domain-b are the same class ({images.class_names[chosen['a']]})")
        indices = {name: (images.labels == label).nonzero().flatten().cpu() for name, label in chosen.items()}
        empty = [name for name, found in indices.items() if not len(found)]
        if empty:
            raise ConfigError(f"--domain-{empty[0]} {getattr(config, 'domain_' + empty[0])}: no image of that class here")
        return cls(images, indices, tuple(images.class_names[chosen[n]] for n in ("a", "b")))

    @property
    def spec(self) -> ImageSpec:
        return dataclasses.replace(self.images_set.spec, class_names=(), domains=self.names)

    def stream_length(self, name: str) -> int:
        return len(self.indices[name])

    def __len__(self) -> int:
        return min(len(found) for found in self.indices.values())

    def domain_images(self, name: str, index: torch.Tensor) -> torch.Tensor:
        return self.images_set.images_at(self.indices[name][index.cpu()])

    def take(self, indices: dict[str, torch.Tensor]) -> Batch:
        return Batch(**{name: self.domain_images(name, index) for name, index in indices.items()})

    def on_device(self, device) -> "TwoDomains":
        return TwoDomains(self.images_set.on_device(device), self.indices, self.names)

    def subset(self, count: int) -> "TwoDomains":
        return self

    def __getattr__(self, name: str):
        return getattr(self.images_set, name)
