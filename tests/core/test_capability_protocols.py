"""Capabilities are Protocols with their methods' signatures, checked when a family registers."""

import pytest

from genforge.core import Capabilities
from genforge.core.capabilities import CAPABILITIES, RegistrationError, check_implements
from genforge.core.errors import ConfigError
from genforge.models import MODELS
from genforge.models.base import GenerativeModel
from genforge.models.families import ModelRegistry

THE_NEXT_FIELDS = {"inpaint": ("images", "masks"), "upscale": ("images",), "translate": ("images", "direction"),
                   "transfer": ("items", "attribute", "amount"), "predict": ("frames", "n")}


def test_no_two_capabilities_share_a_method_and_each_names_its_arguments():
    methods = [CAPABILITIES.get(name).method for name in CAPABILITIES.names()]
    assert len(methods) == len(set(methods))
    for name, arguments in THE_NEXT_FIELDS.items():
        assert (CAPABILITIES.get(name).method, CAPABILITIES.get(name).arguments) == (name, arguments)
    assert CAPABILITIES.get("generate_from").arguments == ("inputs",)
    assert set(CAPABILITIES.names()) == {field for field in Capabilities.__dataclass_fields__ if field != "latent"}


def test_every_registered_family_has_the_methods_of_what_it_may_declare():
    for name in MODELS.names():
        family = MODELS.get(name)
        check_implements(family, family.CAPABLE_OF, name)  # as it was at its registration
        generates_from_inputs = family.config_class.TAKES_TASK or family.config_class.TAKES_DOMAINS
        assert ("sample" in family.CAPABLE_OF) != generates_from_inputs


def test_a_family_declaring_a_capability_without_its_method_is_refused_at_registration():
    class Inpainter(GenerativeModel):
        CAPABLE_OF = ("sample", "inpaint")

    with pytest.raises(RegistrationError) as refused:
        ModelRegistry("model").register("inpainter", modality="image")(Inpainter)
    message = str(refused.value)
    assert "\n" not in message and "'inpaint'" in message and "inpaint(images, masks)" in message

    class WrongArguments(GenerativeModel):
        CAPABLE_OF = ("sample", "translate")

        def translate(self, images):  # no direction
            return images

    with pytest.raises(RegistrationError, match="translate"):
        ModelRegistry("model").register("wrong", modality="image")(WrongArguments)


def test_latent_kinds_are_a_registry():
    assert Capabilities(latent="codes").latent == "codes"
    with pytest.raises(ConfigError, match="unknown latent kind 'spiky'"):
        Capabilities(latent="spiky")
