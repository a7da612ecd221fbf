"""A randomly initialised Inception-v3 state dict in the format of the real FID weights file.

For tests and cost benchmarks only: it exercises the loading path and costs the same to run,
but its features mean nothing. Convolutions are He-scaled so the features do not vanish.
"""

from __future__ import annotations

from unittest import mock

import torch
import torch_fidelity.feature_extractor_inceptionv3 as fidelity_inception


def random_inception_state_dict(seed: int = 0) -> dict[str, torch.Tensor]:
    # Build torch-fidelity's module with its weight loading switched off, to get the exact key set.
    with mock.patch.object(fidelity_inception, "load_state_dict_from_url", return_value=None), \
            mock.patch.object(fidelity_inception.FeatureExtractorInceptionV3, "load_state_dict",
                              lambda self, *args, **kwargs: None):
        network = fidelity_inception.FeatureExtractorInceptionV3("inception-v3-compat", ["2048"])
    generator = torch.Generator().manual_seed(seed)
    state = {}
    for key, value in network.state_dict().items():
        if key.endswith("num_batches_tracked"):
            continue  # the real file has none
        if key.endswith("conv.weight"):
            value = torch.randn(value.shape, generator=generator) * (2.0 / value[0].numel()) ** 0.5
        elif key == "fc.weight":
            value = torch.randn(value.shape, generator=generator) / value.shape[1] ** 0.5
        state[key] = value.clone()
    return state
