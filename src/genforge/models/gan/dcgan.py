"""DCGAN networks (Radford et al. 2016, section 3 and figure 1).

Generator: a transposed convolution projects z to a small feature map, then stride-2 transposed
convolutions double it to the image size, with BatchNorm and ReLU between and tanh at the end.
Discriminator: stride-2 convolutions with LeakyReLU(0.2), BatchNorm on all but the first, down to
the same small map, then one convolution to a single logit (no sigmoid: losses take logits).
Conditional variants use class-conditional BatchNorm in G and a projection head in D. Optionally a
minibatch standard-deviation channel before D's last layer (Karras et al. 2018). Optionally extra
3x3 stride-1 convolutions (with norm and activation) at the smallest map of both networks: like
the WGAN authors' `n_extra_layers`, which they place at the largest hidden map, but where a layer
costs least (a 7x7 map has a quarter of a 14x14 map's positions).

28-pixel images start from 7x7 (7 -> 14 -> 28); 32, 64 and 128 pixels start from 4x4.
"""

from __future__ import annotations


from torch import nn
from torch.nn import functional as F
from torch.nn.utils import parametrize

from ..conv_networks import base_resolution
from .layers import ConditionalBatchNorm2d, MinibatchStdDev, discriminator_norm, maybe_spectral_norm


def init_dcgan_weights(module: nn.Module) -> None:
    """N(0, 0.02) for convolutions and N(1, 0.02) for BatchNorm scales (Radford et al. 2016, section 4).

    Spectrally normalised layers keep PyTorch's initialisation: their `weight` is computed from a
    parametrization (writing to it is lost), and W / sigma(W) does not depend on the scale that
    N(0, 0.02) would set."""
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)) and not parametrize.is_parametrized(module, "weight"):
        nn.init.normal_(module.weight, 0.0, 0.02)
    elif isinstance(module, nn.BatchNorm2d) and module.affine:
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


class DCGANGenerator(nn.Module):
    def __init__(self, latent_dim: int, image_size: int, channels: int, width: int, num_classes: int | None = None,
                 extra_layers: int = 0):
        super().__init__()
        base, doublings = base_resolution(image_size)
        widths = [width * 2 ** i for i in reversed(range(doublings))]  # e.g. [256, 128, 64]
        self.project = nn.ConvTranspose2d(latent_dim, widths[0], base, 1, 0, bias=False)
        self.extra_convs = nn.ModuleList(nn.Conv2d(widths[0], widths[0], 3, 1, 1, bias=False)
                                         for _ in range(extra_layers))
        self.extra_norms = nn.ModuleList(ConditionalBatchNorm2d(widths[0], num_classes) for _ in range(extra_layers))
        self.ups = nn.ModuleList(nn.ConvTranspose2d(a, b, 4, 2, 1, bias=False) for a, b in zip(widths, widths[1:]))
        self.norms = nn.ModuleList(ConditionalBatchNorm2d(w, num_classes) for w in widths)
        self.to_image = nn.ConvTranspose2d(widths[-1], channels, 4, 2, 1)
        self.activation = nn.ReLU(inplace=True)
        self.apply(init_dcgan_weights)

    def forward(self, z, labels=None):
        x = self.activation(self.norms[0](self.project(z.view(z.shape[0], -1, 1, 1)), labels))
        for conv, norm in zip(self.extra_convs, self.extra_norms):
            x = self.activation(norm(conv(x), labels))
        for up, norm in zip(self.ups, self.norms[1:]):
            x = self.activation(norm(up(x), labels))
        return self.to_image(x).tanh()


class DCGANDiscriminator(nn.Module):
    def __init__(self, image_size: int, channels: int, width: int, num_classes: int | None = None,
                 norm: str = "batch", use_spectral_norm: bool = False, minibatch_std: bool = False,
                 extra_layers: int = 0):
        super().__init__()
        base, doublings = base_resolution(image_size)
        widths = [width * 2 ** i for i in range(doublings)]  # e.g. [64, 128, 256]
        sn = lambda module: maybe_spectral_norm(module, use_spectral_norm)  # noqa: E731

        def normalised(inputs: int, outputs: int, kernel: int, stride: int) -> list[nn.Module]:
            """Convolution, norm, LeakyReLU: every layer but the first. Padding 1 halves the map with a
            4x4 kernel at stride 2 and keeps it with 3x3 at stride 1; a bias only where no norm follows."""
            return [sn(nn.Conv2d(inputs, outputs, kernel, stride, 1, bias=norm == "none")),
                    discriminator_norm(norm, outputs), nn.LeakyReLU(0.2, inplace=True)]

        layers: list[nn.Module] = [sn(nn.Conv2d(channels, widths[0], 4, 2, 1)), nn.LeakyReLU(0.2, inplace=True)]
        for narrower, wider in zip(widths, widths[1:]):
            layers += normalised(narrower, wider, 4, 2)
        for _ in range(extra_layers):
            layers += normalised(widths[-1], widths[-1], 3, 1)
        self.features = nn.Sequential(*layers)
        # With minibatch_std, the last layer also sees ProGAN's constant std feature map (one more
        # input channel; see unconditional_logits).
        self.to_logit = sn(nn.Conv2d(widths[-1] + int(minibatch_std), 1, base, 1, 0))
        self.minibatch_std = MinibatchStdDev() if minibatch_std else None
        # Projection on spatially summed features (Miyato and Koyama 2018), only when conditional.
        self.projection = (maybe_spectral_norm(nn.Embedding(num_classes, widths[-1]), use_spectral_norm)
                           if num_classes else None)
        self.apply(init_dcgan_weights)

    def forward(self, images, labels=None):
        h = self.features(images)
        logits = self.unconditional_logits(h)
        if self.projection is not None:
            logits = logits + (self.projection(labels) * h.sum((2, 3))).sum(1)
        return logits

    def unconditional_logits(self, h):
        """The last layer's output, before the projection term of a conditional D."""
        if self.minibatch_std is None:
            return self.to_logit(h).flatten()
        # Convolving a constant std map adds std * (sum of its kernel) to the logit. Adding that
        # directly, rather than concatenating the map, keeps the convolution at a channel count
        # oneDNN runs fast (65 input channels run at half speed on this CPU).
        weight = self.to_logit.weight  # spectrally normalised over all channels when asked
        logits = F.conv2d(h, weight[:, :-1], self.to_logit.bias).flatten()
        return logits + self.minibatch_std(h) * weight[0, -1].sum()
