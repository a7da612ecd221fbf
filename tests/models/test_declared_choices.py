"""The names a config accepts are listed in the config (read without torch) and registered with
the networks and losses (torch); these tests keep the two lists equal."""

from genforge.data import DATA_CONFIGS, DATASETS
from genforge.data.text.config import TextDataConfig
from genforge.data.text.tokenizers import TOKENIZERS
from genforge.metrics.image.extractors import EXTRACTORS
from genforge.models import MODELS
from genforge.models.gan import GANConfig
from genforge.models.lm import LMConfig
from genforge.models.lm.model import NETWORKS
from genforge.models.gan.architectures import ARCHITECTURES
from genforge.models.model_config import MODEL_CONFIGS
from genforge.models.sentence_vae import SentenceVAEConfig
from genforge.models.sentence_vae.networks import CELLS
from genforge.models.vae import VAEConfig
from genforge.models.vae.likelihoods import LIKELIHOODS
from genforge.objectives.gan import GAN_LOSSES
from genforge.training.train_config import TrainConfig


def test_config_choices_are_the_registered_names():
    assert sorted(GANConfig.CHOICES["loss"]) == GAN_LOSSES.names()
    from genforge.models.pianoroll_gan.config import PianorollGANConfig  # every loss but a critic's (no penalty there)

    assert sorted(PianorollGANConfig.CHOICES["loss"]) == [name for name in GAN_LOSSES.names() if name != "wasserstein"]
    assert sorted(GANConfig.CHOICES["architecture"]) == ARCHITECTURES.names()
    assert sorted(VAEConfig.CHOICES["decoder"]) == LIKELIHOODS.names()
    assert sorted(TrainConfig.CHOICES["eval_extractor"]) == EXTRACTORS.names()
    assert sorted(TextDataConfig.CHOICES["tokenizer"]) == TOKENIZERS.names()
    assert sorted(LMConfig.CHOICES["architecture"]) == NETWORKS.names()
    assert sorted(SentenceVAEConfig.CHOICES["cell"]) == sorted(CELLS)


def test_every_registered_config_has_its_model_and_every_model_its_config():
    assert MODELS.names() == MODEL_CONFIGS.names() and len(MODEL_CONFIGS.names()) >= 9
    for name in MODEL_CONFIGS.names():
        model = MODELS.get(name)
        assert model.config_class is MODEL_CONFIGS.get(name) and model.config_class.name == name


def test_every_data_source_declares_a_loader_and_its_config():
    for name in DATASETS.names():
        source = DATASETS.get(name)
        module, _, function = source.loader.partition(":")
        assert callable(getattr(__import__(f"genforge.data{module}", fromlist=[function]), function))
        assert DATA_CONFIGS.get(name) is source.config_class
