"""The one table of tiny model configs the tests train: a family's row is its model section, small
enough to train in well under a second a step on 2 cores, with every option that draws random
numbers while it trains turned on (dropout, word dropout, DiffAugment, x-flips, the sentence VAE's
decoder reset after pre-training, the text GAN's adversarial phase from its second step), so that
the in-process resume of tests/test_every_model.py checks each of them bit-identically. A new
family adds one row; tests/test_every_model.py fails until it has one."""

from __future__ import annotations

TINY_GAN = {"latent_dim": 8, "generator_width": 8, "discriminator_width": 8}

TINY_MODELS: dict[str, dict] = {
    "dcgan": {**TINY_GAN, "diffaugment": "translation,cutout,color"},
    "sngan": {**TINY_GAN, "diffaugment": "translation"},
    "wgan-gp": TINY_GAN,
    "seed": {**TINY_GAN},
    "vae": {"latent_dim": 4, "width": 4},
    "beta-vae": {"latent_dim": 4, "width": 4},
    "iwae": {"latent_dim": 4, "width": 4},
    "vq-vae": {"width": 4, "codebook_size": 8, "code_dim": 4, "prior_width": 8, "prior_layers": 2},
    "lm": {"layers": 1, "heads": 2, "width": 16, "dropout": 0.1},
    "char-lm": {"layers": 1, "heads": 2, "width": 16, "dropout": 0.1},
    "lstm-lm": {"layers": 1, "width": 16, "dropout": 0.1},
    "sentence-vae": {"embedding": 8, "hidden": 16, "latent_dim": 4, "word_dropout": 0.25,
                     "pretrain_autoencoder_steps": 1, "kl_schedule_steps": 40},
    "seq2seq": {"layers": 1, "heads": 2, "width": 16, "dropout": 0.1},
    "text-gan": {"embedding": 8, "hidden": 16, "representations": 2, "representation_width": 8, "filters": 8,
                 "pretrain_steps": 1, "temperature_steps": 40},
    "melody-lm": {"layers": 1, "heads": 2, "width": 16, "dropout": 0.1},
    "music-vae": {"latent_dim": 4, "encoder_width": 8, "decoder_width": 8, "decoder_layers": 1,
                  "sampling_rate": 2.0},
    "pianoroll-gan": {"latent_dim": 4, "width": 8},
    "polyphonic": {"hidden": 16, "nade_hidden": 8, "dropout": 0.1, "sample_frames": 8},
    "pix2pix": {"width": 4, "discriminator_width": 4},
    "unet-l1": {"width": 4},
    "cyclegan": {"width": 4, "discriminator_width": 4, "residual_blocks": 1, "history": 4},
}

# modality -> the data section of a tiny run of it (the image row's folder is filled in per test), with
# its augmentation on
TINY_DATA: dict[str, dict] = {
    "image": {"name": "fashion-mnist", "mirror": True},
    "text": {"name": "tinyshakespeare", "sequence_length": 16},
    "music": {"name": "jsb-chorales", "max_pieces": 24, "transpose": 5},
}
# where a model learns a task of the data (an image-to-image model), with the per-item draws of its masks
TINY_DATA_BY_MODEL: dict[str, dict] = {
    "pix2pix": {"name": "fashion-mnist", "mirror": True, "task": "super-resolution", "factor": 4},
    "unet-l1": {"name": "fashion-mnist", "task": "inpaint", "mask": "strokes"},
    "cyclegan": {"name": "fashion-mnist", "mirror": True, "domain_a": "sneaker", "domain_b": "9"},
}
# where a model reads text in a layout the modality's tiny data does not give (data/config.py: LAYOUTS)
TINY_DATA_BY_LAYOUT: dict[str, dict] = {"pairs": {"name": "dialogue", "sequence_length": 16},
                                        "melody": {"name": "jsb-chorales", "representation": "melody",
                                                   "max_pieces": 8, "transpose": 5}}


def tiny_model(name: str) -> dict:
    return {"name": name, **TINY_MODELS[name]}
