"""Model names are registered with the modality they serve: a family may serve several, one name each."""

import pytest

from genforge.models import MODELS
from genforge.models.families import ModelRegistry


def test_a_family_registered_for_another_modality_serves_it_under_that_registration():
    family = MODELS.get("lm")
    other = ModelRegistry("model")
    other.register("lm", modality="music")(family)  # the same family, as a registry for music events would hold it
    assert other.get("lm") is family
    assert other.modality_of("lm") == "music" and MODELS.modality_of("lm") == "text"


def test_a_name_registered_without_its_modality_is_refused():
    with pytest.raises(ValueError, match="must be registered with the modality it serves"):
        ModelRegistry("model").register("lm")


def test_built_models_carry_their_registrations_modality():
    from genforge.models import build_model

    config = MODELS.get("dcgan").config_class(image_size=28, channels=1, latent_dim=4, generator_width=4,
                                             discriminator_width=4)
    assert build_model(config).modality == MODELS.modality_of("dcgan") == "image"
