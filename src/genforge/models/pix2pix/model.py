"""pix2pix (Isola et al. 2017) and `unet-l1`, the same U-Net trained with L1 alone (the paper's "L1"
row, Table 1), so that the adversarial term's effect is measured on the same images.

Eq. 4: G* = arg min_G max_D L_cGAN(G, D) + lambda L_L1(G), with the conditional discriminator D
seeing the input beside the real or generated output (Eq. 1), patch by patch (PatchGAN), and
L_L1 = E |y - G(x)|. D's objective is halved (Sec. 3.3: "we divide the objective by 2 while
optimizing D"). The model is given the task's `source` and learns its `target` (data/image/tasks.py).

It generates from an input, not from noise: `convert(source)` is its forward pass, and the task it
learnt says which capability it declares: `inpaint` (images and masks), `upscale` (small images)
or `translate` (edges or grey images, direction "a2b").
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...core import Batch, Capabilities, Samples
from ...core.errors import GenforgeError
from ...objectives.gan import GAN_LOSSES
from ..base import GenerativeModel, evaluating, frozen
from ..families import MODELS
from .config import Pix2PixConfig, UNetL1Config
from ..patch_gan import PatchDiscriminator, patch_layers_for
from .networks import UNet

TASK_CAPABILITY = {"inpaint": "inpaint", "super-resolution": "upscale", "edges": "translate", "colourise": "translate"}


class Pix2Pix(GenerativeModel):
    config_class = Pix2PixConfig
    CAPABLE_OF = ("inpaint", "upscale", "translate")

    def __init__(self, config: Pix2PixConfig):
        super().__init__(config)
        self.generator = UNet(config.source_channels, config.channels, config.image_size, config.width, config.dropout)
        self.discriminator = (PatchDiscriminator(config.source_channels + config.channels, config.discriminator_width,
                                                 config.patch_layers or patch_layers_for(config.image_size))
                              if config.adversarial else None)
        self.loss = GAN_LOSSES.get(config.loss)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(sample=False, **{TASK_CAPABILITY[self.config.task]: True})

    @property
    def receptive_field(self) -> int | None:
        return self.discriminator.receptive_field if self.discriminator is not None else None

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        networks = {"generator": self.generator}
        if self.discriminator is not None:
            networks["discriminator"] = self.discriminator
        return {name: torch.optim.Adam(network.parameters(), lr=self.config.lr, betas=self.config.betas)
                for name, network in networks.items()}

    def train_step(self, batch: Batch, optimizers, engine) -> dict[str, float]:
        source, target = batch.source, batch.target
        scalars = {}
        with engine.autocast():
            fake = self.generator(source)
        if self.discriminator is not None:
            with engine.autocast():
                real_logits = self.discriminator(torch.cat([source, target], 1))
                fake_logits = self.discriminator(torch.cat([source, fake.detach()], 1))
                loss_d = 0.5 * self.loss.discriminator(real_logits, fake_logits)
            engine.update(loss_d, optimizers["discriminator"], "discriminator")
            scalars["loss_d"] = float(loss_d.detach())
        with engine.autocast():
            l1 = F.l1_loss(fake, target)
            loss_g = self.config.l1_weight * l1
            if self.discriminator is not None:
                with frozen(self.discriminator):
                    adversarial = self.loss.generator(self.discriminator(torch.cat([source, fake], 1)))
                loss_g = loss_g + adversarial
                scalars["loss_g_gan"] = float(adversarial.detach())
        engine.update(loss_g, optimizers["generator"], "generator")
        return {**scalars, "l1": float(l1.detach()), "loss_g": float(loss_g.detach())}

    def validation_loss(self, batch: Batch) -> torch.Tensor:
        return F.l1_loss(self.generator(batch.source), batch.target)

    @torch.no_grad()
    def convert(self, source: torch.Tensor, batch_size: int = 256) -> torch.Tensor:
        """The outputs in [-1, 1] for float sources in [-1, 1], on the CPU (eval mode: dropout off)."""
        with evaluating(self):
            return torch.cat([self.generator(part.to(self.device)).float().cpu() for part in source.split(batch_size)])

    def check_size(self, images: torch.Tensor, what: str) -> None:
        size = images.shape[-1]
        if images.shape[-2] != size or size != self.config.image_size:
            raise GenforgeError(f"this {self.config.name} run works on {self.config.image_size}x{self.config.image_size} "
                                f"{what}; the input is {images.shape[-1]}x{images.shape[-2]} (resize it first)")

    def inpaint(self, images, masks):
        """Float images in [-1, 1] with masks (1: the hole) -> the completed images (known pixels kept)."""
        from ...data.image.tasks import keep_known

        self.check_size(images, "images")
        source = torch.cat([images * (1 - masks), masks * 2 - 1], dim=1)
        return keep_known(images, masks, self.convert(source))

    def upscale(self, images):
        """Float images in [-1, 1] of image_size / factor pixels -> image_size pixels."""
        from ...data.image.degradations import upsampled

        small = self.config.image_size // self.config.factor
        if images.shape[-1] != small or images.shape[-2] != small:
            raise GenforgeError(f"this {self.config.name} run upscales {small}x{small} images x{self.config.factor}; "
                                f"the input is {images.shape[-1]}x{images.shape[-2]}")
        return self.convert(upsampled(images, self.config.image_size))

    def translate(self, images, direction: str):
        if direction != "a2b":
            raise GenforgeError(f"this {self.config.name} run translates one way, a2b ({self.config.task}); "
                                f"--direction {direction} is not among its directions")
        self.check_size(images, "images")
        return self.convert(images)

    def sample(self, n: int, seed: int | None = None, **conditioning) -> Samples:
        raise GenforgeError(f"{self.config.name} generates from an input, not from noise")


MODELS.register("pix2pix", modality="image")(Pix2Pix)


@MODELS.register("unet-l1", modality="image")
class UNetL1(Pix2Pix):
    config_class = UNetL1Config
