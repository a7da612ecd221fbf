"""The image sources: Fashion-MNIST's idx files, CelebA, and folders (or zips) of pictures."""

from ..sources import DataSource, register
from .config import CelebAConfig, FolderConfig, ImageDataConfig

register(DataSource("fashion-mnist", "image", ("train", "test"), held_out="test",
                    loader=".image.fashion_mnist:load_fashion_mnist", config_class=ImageDataConfig,
                    feature_network="fmnist"))
register(DataSource("celeba", "image", ("train", "valid", "test", "all"), held_out="test",
                    loader=".image.celeba:load_celeba", config_class=CelebAConfig))
register(DataSource("folder", "image", ("train",), held_out=None,
                    loader=".image.image_folder:load_image_folder", config_class=FolderConfig))
