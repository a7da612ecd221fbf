"""CycleGAN (Zhu et al. 2017): G: A -> B and F: B -> A trained on unpaired batches of the two domains.

    L = L_GAN(G, D_B) + L_GAN(F, D_A) + lambda (|F(G(a)) - a|_1 + |G(F(b)) - b|_1)          (Eq. 3)
        + lambda_id lambda (|G(b) - b|_1 + |F(a) - a|_1)                                    (Sec. 5.2)

with the least-squares GAN loss (Sec. 4: G minimises (D(G(x)) - 1)^2, D minimises (D(y) - 1)^2 +
D(G(x))^2, halved). Each discriminator is updated on a history of generated images (Shrivastava et
al. 2017): once `history` images are kept, each new one is swapped for a kept one with probability
1/2 and the kept one is shown instead. The history is a buffer of the model, so a checkpoint holds
it and a resumed run shows the discriminators what they would have seen.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...core.errors import GenforgeError
from ..base import GenerativeModel, evaluating, frozen
from ..families import MODELS
from ..patch_gan import PatchDiscriminator, patch_layers_for
from .config import CycleGANConfig
from .networks import ResnetGenerator

DIRECTIONS = ("a2b", "b2a")


def least_squares_d(real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    return 0.5 * (F.mse_loss(real, torch.ones_like(real)) + F.mse_loss(fake, torch.zeros_like(fake)))


def least_squares_g(fake: torch.Tensor) -> torch.Tensor:
    return F.mse_loss(fake, torch.ones_like(fake))


@MODELS.register("cyclegan", modality="image")
class CycleGAN(GenerativeModel):
    config_class = CycleGANConfig
    CAPABLE_OF = ("translate",)

    def __init__(self, config: CycleGANConfig):
        super().__init__(config)
        blocks = config.residual_blocks if config.residual_blocks is not None else (9 if config.image_size >= 256 else 6)
        layers = config.patch_layers or patch_layers_for(config.image_size)
        self.generator_ab = ResnetGenerator(config.channels, config.width, blocks)
        self.generator_ba = ResnetGenerator(config.channels, config.width, blocks)
        self.discriminator_a = PatchDiscriminator(config.channels, config.discriminator_width, layers, norm="instance")
        self.discriminator_b = PatchDiscriminator(config.channels, config.discriminator_width, layers, norm="instance")
        shape = (config.history, config.channels, config.image_size, config.image_size)
        for domain in ("a", "b"):
            self.register_buffer(f"history_{domain}", torch.zeros(shape))
            self.register_buffer(f"history_{domain}_kept", torch.zeros((), dtype=torch.long))

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(sample=False, translate=True)

    @property
    def receptive_field(self) -> int:
        return self.discriminator_a.receptive_field

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        adam = lambda *networks: torch.optim.Adam([p for n in networks for p in n.parameters()],  # noqa: E731
                                                  lr=self.config.lr, betas=self.config.betas)
        return {"generators": adam(self.generator_ab, self.generator_ba),
                "discriminators": adam(self.discriminator_a, self.discriminator_b)}

    @torch.no_grad()
    def from_history(self, domain: str, images: torch.Tensor) -> torch.Tensor:
        """What the discriminator of `domain` is shown in place of the newly generated `images`."""
        if not self.config.history:
            return images
        kept, count = getattr(self, f"history_{domain}"), getattr(self, f"history_{domain}_kept")
        shown = images.clone()
        for index in range(len(images)):
            if int(count) < len(kept):
                kept[int(count)] = images[index]
                count += 1
            elif float(torch.rand(())) < 0.5:
                slot = int(torch.randint(0, len(kept), ()))
                shown[index] = kept[slot].clone()
                kept[slot] = images[index]
        return shown

    def train_step(self, batch: Batch, optimizers, engine) -> dict[str, float]:
        from ...data.image.transforms import to_signed_unit

        a, b = to_signed_unit(batch.a), to_signed_unit(batch.b)
        cycle, identity = self.config.cycle_weight, self.config.cycle_weight * self.config.identity_weight
        with engine.autocast(), frozen(self.discriminator_a), frozen(self.discriminator_b):
            fake_b, fake_a = self.generator_ab(a), self.generator_ba(b)
            adversarial = least_squares_g(self.discriminator_b(fake_b)) + least_squares_g(self.discriminator_a(fake_a))
            cycled = F.l1_loss(self.generator_ba(fake_b), a) + F.l1_loss(self.generator_ab(fake_a), b)
            loss_g = adversarial + cycle * cycled
            if identity:
                loss_g = loss_g + identity * (F.l1_loss(self.generator_ab(b), b) + F.l1_loss(self.generator_ba(a), a))
        engine.update(loss_g, optimizers["generators"], "generators")
        shown_a, shown_b = self.from_history("a", fake_a.detach()), self.from_history("b", fake_b.detach())
        with engine.autocast():
            loss_d = (least_squares_d(self.discriminator_a(a), self.discriminator_a(shown_a))
                      + least_squares_d(self.discriminator_b(b), self.discriminator_b(shown_b)))
        engine.update(loss_d, optimizers["discriminators"], "discriminators")
        return {"loss_g": float(loss_g.detach()), "loss_d": float(loss_d.detach()), "cycle": float(cycled.detach())}

    @torch.no_grad()
    def translate(self, images: torch.Tensor, direction: str) -> torch.Tensor:
        """Float images in [-1, 1] of one domain -> the other's (direction a2b or b2a), on the CPU."""
        if direction not in DIRECTIONS:
            raise GenforgeError(f"--direction {direction} is not among this run's directions (a2b, b2a)")
        size = self.config.image_size
        if images.shape[-1] != size or images.shape[-2] != size:
            raise GenforgeError(f"this cyclegan run works on {size}x{size} images; the input is "
                                f"{images.shape[-1]}x{images.shape[-2]} (resize it first)")
        network = self.generator_ab if direction == "a2b" else self.generator_ba
        with evaluating(self):
            return torch.cat([network(part.to(self.device)).float().cpu() for part in images.split(256)])

    def sample(self, n: int, seed: int | None = None, **conditioning) -> Samples:
        raise GenforgeError("cyclegan translates images between its domains, not from noise")
