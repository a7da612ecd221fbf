"""The batch schedule: index streams and per-item draws as pure functions of (seed, step, stream)."""

import pytest
import torch

from genforge.core import Batch
from genforge.core.errors import ConfigError
from genforge.training.batch_schedule import BatchSchedule


def test_each_epoch_visits_every_full_batch_once():
    schedule = BatchSchedule(10, batch_size=3, seed=0)
    first_epoch = torch.cat([schedule.indices(step) for step in range(3)])
    assert len(set(first_epoch.tolist())) == 9  # the tenth image is dropped with the incomplete batch


def test_batches_depend_only_on_seed_and_step():
    a, b = BatchSchedule(100, 8, seed=1), BatchSchedule(100, 8, seed=1)
    [a.indices(step) for step in range(30)]  # advance a through several epochs
    assert torch.equal(a.indices(27), b.indices(27))
    assert not torch.equal(a.indices(0), BatchSchedule(100, 8, seed=2).indices(0))


def test_flips_depend_only_on_seed_and_step_and_flip_about_half():
    a, b = BatchSchedule(100, 64, seed=1), BatchSchedule(100, 64, seed=1)
    assert torch.equal(a.flips(5), b.flips(5))
    assert not torch.equal(a.flips(5), a.flips(6))
    assert not torch.equal(a.flips(5), BatchSchedule(100, 64, seed=2).flips(5))
    share = torch.stack([a.flips(step) for step in range(50)]).float().mean().item()
    assert 0.45 < share < 0.55


def test_the_single_stream_keeps_the_seeds_older_runs_were_drawn_with():
    """Resume stays bit-exact for run folders written before streams had names."""
    schedule = BatchSchedule(100, 8, seed=3)
    legacy_order = torch.randperm(100, generator=torch.Generator().manual_seed(3 * 1_000_003 + 0))
    assert torch.equal(schedule.indices(0), legacy_order[:8])
    legacy_flips = torch.rand(8, generator=torch.Generator().manual_seed((1 << 48) + 3 * 1_000_003 + 5)) < 0.5
    assert torch.equal(schedule.flips(5), legacy_flips)


def test_named_streams_each_go_over_their_own_length():
    schedule = BatchSchedule({"a": 10, "b": 25}, batch_size=5, seed=0)
    assert schedule.streams == ("a", "b")
    first_a = torch.cat([schedule.indices(step, "a") for step in range(2)])
    first_b = torch.cat([schedule.indices(step, "b") for step in range(5)])
    assert sorted(first_a.tolist()) == list(range(10)) and sorted(first_b.tolist()) == list(range(25))
    again = BatchSchedule({"a": 10, "b": 25}, batch_size=5, seed=0)
    assert all(torch.equal(schedule.batch_indices(step)[name], again.batch_indices(step)[name])
               for step in (0, 3, 17) for name in ("a", "b"))
    with pytest.raises(ConfigError, match="exceeds stream a's 10 items"):
        BatchSchedule({"a": 10, "b": 25}, batch_size=12, seed=0)


def test_per_item_draws_are_a_function_of_seed_step_and_stream():
    a, b = BatchSchedule(100, 16, seed=1), BatchSchedule(100, 16, seed=1)
    masks = a.draws(7, "mask", 4)
    assert masks.shape == (16, 4) and torch.equal(masks, b.draws(7, "mask", 4))
    assert not torch.equal(masks, a.draws(8, "mask", 4))
    assert not torch.equal(masks, a.draws(7, "crop", 4))
    assert not torch.equal(masks, BatchSchedule(100, 16, seed=2).draws(7, "mask", 4))


class FakeTrainer:
    def __init__(self, schedule, step):
        from genforge.training.distributed import World

        self.schedule, self.step, self.world = schedule, step, World()


def test_mirror_flips_a_pair_together_and_each_domain_on_its_own():
    from genforge.modalities.image.training import Mirror

    images = torch.arange(16 * 3, dtype=torch.float32).view(16, 1, 1, 3).expand(16, 1, 2, 3).contiguous()
    schedule = BatchSchedule(100, 16, seed=4)
    pair = Mirror().on_batch(FakeTrainer(schedule, 2), Batch(source=images, target=images + 1000))
    flipped = pair.source[:, 0, 0, 0] != images[:, 0, 0, 0]
    assert 0 < int(flipped.sum()) < 16
    assert torch.equal(pair.target - 1000, pair.source)  # the same items flipped
    domains = Mirror().on_batch(FakeTrainer(schedule, 2), Batch(a=images, b=images))
    assert not torch.equal(domains.a, domains.b)  # a stream each
    single = Mirror().on_batch(FakeTrainer(schedule, 2), Batch(x=images, labels=torch.arange(16)))
    assert torch.equal(single.x, pair.source) and torch.equal(single.labels, torch.arange(16))


def test_mirrored_flips_exactly_the_marked_images_left_right():
    from genforge.data.image.transforms import mirrored

    images = torch.arange(2 * 1 * 2 * 3, dtype=torch.uint8).view(2, 1, 2, 3)
    out = mirrored(images, torch.tensor([True, False]))
    assert out[0, 0].tolist() == [[2, 1, 0], [5, 4, 3]]
    assert torch.equal(out[1], images[1])


