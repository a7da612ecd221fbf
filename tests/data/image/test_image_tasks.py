"""Image-to-image tasks: the masks are a pure function of their seed and cover the requested hole
fraction; the degradations are exact where they can be checked by hand (a constant image survives
the bicubic round trip; the luminance weights are BT.601's); each task gives its pairs."""

import pytest
import torch

from genforge.core.errors import ConfigError
from genforge.data.image.degradations import bicubic_round_trip, downsampled, luminance
from genforge.data.image.masks import MASKS, hole_masks
from genforge.data.image.tasks import TASKS, TaskOptions


@pytest.mark.parametrize("kind", sorted(MASKS.names()))
@pytest.mark.parametrize("fraction", [0.1, 0.25, 0.5])
def test_masks_are_deterministic_per_seed_and_cover_the_hole_fraction(kind, fraction):
    seeds = torch.tensor([3, 4, 3])
    masks = hole_masks(kind, seeds, 28, fraction)
    assert masks.shape == (3, 1, 28, 28) and set(masks.unique().tolist()) <= {0.0, 1.0}
    assert torch.equal(masks[0], masks[2])
    covered = masks.mean((1, 2, 3))
    assert bool((covered >= fraction - 0.05).all()) and bool((covered <= fraction + 0.3).all())
    if kind != "centre":
        assert not torch.equal(masks[0], masks[1])


def test_the_bicubic_round_trip_keeps_a_constant_image_and_downsamples_by_the_factor():
    constant = torch.full((2, 3, 28, 28), 0.3)
    assert downsampled(constant, 4).shape == (2, 3, 7, 7)
    assert torch.allclose(bicubic_round_trip(constant, 4), constant, atol=1e-6)


def test_the_luminance_is_bt601s():
    rgb = torch.tensor([1.0, 0.0, -1.0]).view(1, 3, 1, 1)
    assert torch.allclose(luminance(rgb), torch.tensor(0.299 - 0.114).view(1, 1, 1, 1))


def test_each_task_gives_a_source_of_its_channels_and_the_image_as_target():
    images = torch.rand(2, 3, 28, 28) * 2 - 1
    for name in TASKS.names():
        task = TASKS.get(name)
        pairs = task.pairs(images, torch.tensor([1, 2]), TaskOptions(mask="centre", hole_fraction=0.25, factor=4))
        assert pairs["source"].shape == (2, task.source_channels(3), 28, 28) and torch.equal(pairs["target"], images)
    inpainting = TASKS.get("inpaint").pairs(images, torch.tensor([1, 2]), TaskOptions(mask="centre"))
    hole = inpainting["mask"].bool().expand(-1, 3, -1, -1)
    assert bool((inpainting["source"][:, :3][hole] == 0).all())  # the hole is mid-grey, the mask its own channel


def test_a_task_the_images_cannot_serve_is_one_line():
    with pytest.raises(ConfigError, match="needs colour images"):
        TASKS.get("colourise").check(1, 28, TaskOptions())
    with pytest.raises(ConfigError, match="--factor 3"):
        TASKS.get("super-resolution").check(1, 28, TaskOptions(factor=3))
