"""The Fashion-MNIST classifier whose features judge generated clothing (genforge's `fmnist-cnn`).

ImageNet's Inception-v3 is a poor judge of 28x28 grayscale clothing and needs a weights download;
this small CNN is trained on Fashion-MNIST by scripts/train_fmnist_classifier.py and ships inside
the package. IS uses its class probabilities; FID, KID and precision/recall its penultimate
(128-d) features.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

IMAGE_SIZE = 28
FEATURE_DIM = 128
NUM_CLASSES = 10
# Fashion-MNIST's training-set pixel mean and standard deviation (on [0, 1]).
PIXEL_MEAN, PIXEL_STD = 0.2860, 0.3530
# ITU-R BT.601 luma weights: RGB input is turned to gray the way PIL's convert("L") does.
LUMA = (0.299, 0.587, 0.114)


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False),
                         nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True))


def to_classifier_input(images: torch.Tensor) -> torch.Tensor:
    """uint8 (B, 1 or 3, H, W) -> normalised float (B, 1, 28, 28)."""
    x = images.float().div(255.0)
    if x.shape[1] == 3:
        if torch.equal(images[:, 0], images[:, 1]) and torch.equal(images[:, 1], images[:, 2]):
            x = x[:, :1]  # grayscale replicated to RGB (as torch-fidelity feeds it): exactly the gray
        else:
            x = (x * torch.tensor(LUMA, device=x.device).view(1, 3, 1, 1)).sum(1, keepdim=True)
    if x.shape[-2:] != (IMAGE_SIZE, IMAGE_SIZE):
        x = F.interpolate(x, size=(IMAGE_SIZE, IMAGE_SIZE), mode="bilinear", antialias=True, align_corners=False)
    return (x - PIXEL_MEAN) / PIXEL_STD


class FashionMNISTClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            conv_block(1, 32), conv_block(32, 32), nn.MaxPool2d(2),  # 14x14
            conv_block(32, 64), conv_block(64, 64), nn.MaxPool2d(2),  # 7x7
            nn.Flatten(), nn.Linear(64 * 7 * 7, FEATURE_DIM, bias=False),
            nn.BatchNorm1d(FEATURE_DIM), nn.ReLU(inplace=True),
        )
        self.dropout = nn.Dropout(0.3)
        self.head = nn.Linear(FEATURE_DIM, NUM_CLASSES)

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """uint8 images -> (penultimate features, class logits)."""
        features = self.body(to_classifier_input(images))
        return features, self.head(self.dropout(features))
