import torch

from genforge.data import ImageSet
from genforge.data.image.image_set import RowReader


def test_a_subset_is_the_same_in_every_run_kept_in_order_with_its_labels():
    images = torch.arange(50, dtype=torch.uint8).view(50, 1, 1, 1)
    full = ImageSet("x", images, torch.arange(50) % 5)
    a, b = full.subset(20), full.subset(20)
    assert len(a) == 20 and torch.equal(a.images, b.images)
    chosen = a.images.flatten().long()
    assert chosen.tolist() == sorted(chosen.tolist()) and chosen.unique().numel() == 20
    assert chosen.max() > 25, "spread over the set, not its first rows"
    assert torch.equal(a.labels, chosen % 5)
    assert full.subset(50) is full and full.subset(80) is full


def test_a_file_backed_subset_reads_the_same_rows_as_an_in_memory_one():
    class Rows(RowReader):
        shape = (30, 1, 2, 2)

        def rows(self, index):
            return index.to(torch.uint8).view(-1, 1, 1, 1).expand(-1, 1, 2, 2).clone()

    reader = Rows()
    reader.late_failures = ["broken.jpg: truncated"]  # found while reading, before the subset was taken
    whole = ImageSet("x", None, reader=reader, skipped=("empty.jpg: empty file",))
    backed = whole.subset(7)
    assert backed.skipped == whole.skipped == ("empty.jpg: empty file", "broken.jpg: truncated")
    in_memory = ImageSet("x", Rows().all()).subset(7)
    assert backed.shape == (7, 1, 2, 2)
    assert torch.equal(backed.images_at(torch.tensor([6, 0, 3])), in_memory.images_at(torch.tensor([6, 0, 3])))
    assert torch.equal(backed.images, in_memory.images)


def test_an_image_set_declares_its_spec_and_takes_batches_with_labels():
    images = torch.arange(5 * 4, dtype=torch.uint8).view(5, 1, 2, 2)
    data = ImageSet("x", images, torch.tensor([0, 1, 0, 1, 1]), ("even", "odd"))
    assert data.modality == "image"
    assert (data.spec.size, data.spec.channels, data.spec.num_classes) == (2, 1, 2)
    batch = data.take(torch.tensor([4, 1]))
    assert torch.equal(batch.x, images[[4, 1]]) and batch.labels.tolist() == [1, 1]
    assert ImageSet("x", images).take(torch.tensor([0])).labels is None
    assert data.on_device(torch.device("cpu")).take(torch.tensor([2])).labels.tolist() == [0]
