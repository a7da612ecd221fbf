import torch

from genforge.data import BatchSchedule


def test_each_epoch_visits_every_full_batch_once():
    schedule = BatchSchedule(size=10, batch_size=3, seed=0)
    first_epoch = torch.cat([schedule.indices(step) for step in range(3)])
    assert len(set(first_epoch.tolist())) == 9  # the tenth image is dropped with the incomplete batch


def test_batches_depend_only_on_seed_and_step():
    a, b = BatchSchedule(100, 8, seed=1), BatchSchedule(100, 8, seed=1)
    [a.indices(step) for step in range(30)]  # advance a through several epochs
    assert torch.equal(a.indices(27), b.indices(27))
    assert not torch.equal(a.indices(0), BatchSchedule(100, 8, seed=2).indices(0))
