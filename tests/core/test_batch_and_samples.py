import pytest
import torch

from genforge.core import Batch, Capabilities, CapabilityError, Metric, Samples


def test_batch_holds_named_tensors_and_moves_them_together():
    batch = Batch(x=torch.zeros(4, 1, 8, 8, dtype=torch.uint8), labels=torch.arange(4))
    assert len(batch) == 4
    assert [name for name, _ in batch.items()] == ["x", "labels"]
    moved = batch.to("cpu")
    assert moved.x.shape == (4, 1, 8, 8) and moved.labels.tolist() == [0, 1, 2, 3] and moved.source is None
    doubled = batch.map(lambda name, value: value * 2)
    assert doubled.labels.tolist() == [0, 2, 4, 6]


def test_batch_refuses_mismatched_items_but_allows_unpaired_domains():
    with pytest.raises(ValueError, match="one length"):
        Batch(source=torch.zeros(3, 2), target=torch.zeros(4, 2))
    unpaired = Batch(a=torch.zeros(3, 2), b=torch.zeros(5, 2))
    assert len(unpaired) == 3
    with pytest.raises(ValueError, match="at least one"):
        Batch()


def test_samples_iterate_decoded_items_and_concatenate():
    text = Samples("text", torch.tensor([[1, 2], [3, 4]]), decoded=("ab", "cd"), conditioning={"seed": 0})
    assert list(text) == ["ab", "cd"] and text[1] == "cd" and len(text) == 2
    images = Samples("image", torch.zeros(2, 1, 4, 4, dtype=torch.uint8), labels=torch.tensor([0, 1]))
    both = Samples.cat([images, images])
    assert both.values.shape == (4, 1, 4, 4) and both.labels.tolist() == [0, 1, 0, 1]
    with pytest.raises(ValueError, match="different modalities"):
        Samples.cat([images, text])
    with pytest.raises(ValueError, match="decoded items"):
        Samples("text", torch.zeros(2, 3), decoded=("a",))


def test_capabilities_refuse_in_one_line_naming_the_run_and_family():
    declared = Capabilities(encode=True, latent="codes")
    declared.require("encode", "`genforge reconstruct`", "runs/x", "vq-vae")
    with pytest.raises(CapabilityError) as refused:
        declared.require("likelihood", "`genforge nll`", "runs/x", "vq-vae")
    assert str(refused.value) == "`genforge nll` needs a model with a likelihood; runs/x is a vq-vae"
    with pytest.raises(CapabilityError, match="Gaussian latents"):
        declared.require_latent("gaussian", "--sampler gmm", "runs/x", "vq-vae")
    assert declared.declared() == ["sample", "encode"]
    with pytest.raises(ValueError):
        declared.require("fly", "x", "y", "z")


def test_metric_declares_its_direction():
    assert Metric("fid").improves(3.0, 4.0) and not Metric("fid").improves(5.0, 4.0)
    assert Metric("accuracy", higher_is_better=True).improves(0.9, 0.8)
    assert Metric("fid").improves(100.0, None)
