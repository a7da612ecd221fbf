"""Two unpaired domains from two classes of a labelled image set: chosen by name or index, each its
own stream of its own size, and refused in one line where the classes are not there."""

import pytest
import torch

from genforge.core.errors import ConfigError
from genforge.data import data_config
from genforge.data.image.domains import TwoDomains
from genforge.data.image.image_set import ImageSet

NAMES = ("T-shirt/top", "Sneaker", "Ankle boot")


def labelled() -> ImageSet:
    labels = torch.tensor([0, 1, 2, 1, 2, 2, 0])
    images = (labels.view(-1, 1, 1, 1) * 10 + torch.arange(7).view(-1, 1, 1, 1)).expand(-1, 1, 4, 4).to(torch.uint8)
    return ImageSet("test", images.contiguous(), labels, NAMES)


def test_two_classes_by_name_or_index_are_two_streams_of_their_own_sizes():
    domains = TwoDomains.of(labelled(), data_config("fashion-mnist", domain_a="sneaker", domain_b="2"))
    assert domains.spec.streams == ("a", "b") and domains.spec.domains == ("Sneaker", "Ankle boot")
    assert (domains.stream_length("a"), domains.stream_length("b")) == (2, 3)
    batch = domains.take({"a": torch.tensor([1]), "b": torch.tensor([0, 2])})
    assert batch.a[:, 0, 0, 0].tolist() == [13] and batch.b[:, 0, 0, 0].tolist() == [22, 25]
    assert TwoDomains.of(labelled(), data_config("fashion-mnist", domain_a="T-SHIRT/TOP", domain_b="ankle boot"))


def test_a_class_that_is_not_there_or_the_same_class_twice_is_one_line():
    with pytest.raises(ConfigError, match="--domain-b boot is not a class"):
        TwoDomains.of(labelled(), data_config("fashion-mnist", domain_a="sneaker", domain_b="boot"))
    with pytest.raises(ConfigError, match="are the same class"):
        TwoDomains.of(labelled(), data_config("fashion-mnist", domain_a="1", domain_b="sneaker"))
    with pytest.raises(ConfigError, match="labelled source"):
        TwoDomains.of(ImageSet("plain", torch.zeros(2, 1, 4, 4, dtype=torch.uint8)),
                      data_config("fashion-mnist", domain_a="0", domain_b="1"))
