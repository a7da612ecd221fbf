"""The image sources' flags (data/flags.py)."""

import argparse

from ..flags import DataFlag, DataFlagGroup, register_flags

register_flags(DataFlagGroup("images", "Fashion-MNIST, CelebA and folders of pictures", (
    DataFlag("--images", "dir", {"metavar": "FOLDER",
                                 "help": "a folder (or .zip) of photos (same as --dataset folder --data-dir FOLDER)"},
             source="folder"),
    DataFlag("--image-size", "image_size", {"type": int, "metavar": "PX",
                                            "help": "photos: square side after crop and resize (default 64)"}),
    DataFlag("--channels", "channels", {"type": int, "choices": [1, 3],
                                        "help": "photos: 1 = grayscale, 3 = RGB (default)"}),
    DataFlag("--crop", "crop", {"type": int, "metavar": "PX", "help": "photos: centre square cut first (celeba: 178)"}),
    DataFlag("--resize", "resize", {"choices": ["center-crop", "stretch", "pad"], "help": "photos: resize policy"}),
    DataFlag("--classes", "classes", {"action": "store_const", "const": True,
                                      "help": "folder: sub-folders (or a StyleGAN2-ADA dataset.json) are the classes"}),
    DataFlag("--background", "background", {"metavar": "COLOUR",
                                            "help": "photos: white (default), black or #rrggbb under transparent pixels"}),
    DataFlag("--attributes", "attributes", {"metavar": "A,B",
                                            "help": "celeba: attributes used as class labels, e.g. Smiling,Male"}),
    DataFlag("--no-cache", "cache", {"dest": "cache", "action": "store_const", "const": False,
                                     "help": "photos: decode every batch from the files instead of the uint8 cache"},
             training_only=True),
    DataFlag("--max-images", "max_images", {"type": int, "metavar": "N",
                                            "help": "train on N images of the split (a fixed random choice, the same "
                                                    "in every run)"}, training_only=True),
    DataFlag("--mirror", "mirror", {"action": argparse.BooleanOptionalAction,
                                    "help": "x-flip augmentation: each drawn image is flipped left-right with "
                                            "probability 1/2 (--no-mirror turns off a preset's)"}, training_only=True),
    DataFlag("--task", "task", {"choices": ["inpaint", "super-resolution", "edges", "colourise"],
                                "help": "an image-to-image task made from the images (pix2pix, unet-l1): fill a "
                                        "hole, upscale, edges -> image, grey -> colour"}),
    DataFlag("--mask", "mask", {"choices": ["centre", "rectangles", "strokes"],
                                "help": "--task inpaint: the holes (default rectangles; strokes: DeepFill v2's)"}),
    DataFlag("--hole-fraction", "hole_fraction", {"type": float, "metavar": "F",
                                                  "help": "--task inpaint: the share of each image in the hole "
                                                          "(default 0.25)"}),
    DataFlag("--factor", "factor", {"type": int, "metavar": "K",
                                    "help": "--task super-resolution: the downsampling factor (default 4)"}),
    DataFlag("--domain-a", "domain_a", {"metavar": "CLASS", "help": "two unpaired domains (cyclegan): a class of the "
                                        "source by name or index, e.g. sneaker"}),
    DataFlag("--domain-b", "domain_b", {"metavar": "CLASS", "help": "the other domain, e.g. ankle-boot"}),
    DataFlag("--class", "class_index", {"dest": "class_index", "type": int, "metavar": "K",
                                        "help": "conditional models: only class K (default: one row per class in a PNG)"},
             command="sample"),
    DataFlag("--sampler", "sampler", {"default": "prior", "help": "prior; for VAEs also gmm (a mixture fitted to the "
                                      "encoded training set) or two-stage"}, command="sample"),
    DataFlag("--metrics", "metrics", {"default": "is,fid,kid,pr", "help": "comma-separated: is, fid, kid, pr"},
             command="eval"),
    DataFlag("--extractor", "extractor", {"default": "fmnist",
                                          "help": "feature network: fmnist (shipped) or inception"}, command="eval"),
    DataFlag("--inception-weights", "inception_weights", {"metavar": "PATH",
                                                          "help": "Inception-v3 FID weights file (never downloaded)"},
             command="eval"),
)))
