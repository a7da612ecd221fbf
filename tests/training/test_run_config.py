import pytest

from genforge.training.run_config import build_run_config, merge, read_yaml
from genforge.core.errors import ConfigError
from genforge.models.gan import GANConfig
from genforge.models.vae import VAEConfig


def test_defaults_build_a_dcgan_run():
    config = build_run_config({})
    assert isinstance(config.model, GANConfig) and config.data.name == "fashion-mnist"


def test_model_name_selects_the_family_config():
    config = build_run_config({"model": {"name": "vae", "latent_dim": 4}})
    assert isinstance(config.model, VAEConfig) and config.model.latent_dim == 4


@pytest.mark.parametrize("values, message", [
    ({"train": {"stpes": 3}}, r"unknown key train.stpes \(did you mean 'steps'\?\)"),
    ({"trian": {}}, r"unknown key trian \(did you mean 'train'\?\)"),
    ({"model": {"name": "vae", "generator_width": 3}}, "unknown key model.generator_width"),
    ({"model": {"name": "dcgn"}}, r"unknown model 'dcgn' \(did you mean 'dcgan'\?\)"),
    ({"train": {"batch_size": "big"}}, "train.batch_size must be a whole number, got 'big'"),
    ({"train": {"batch_size": 0}}, r"train.batch_size must be in \[1, 65536\], got 0"),
    ({"train": {"steps": None, "minutes": None}}, "set steps or minutes"),
    ({"train": {"precision": "fp8"}}, "precision must be fp32, bf16 or fp16"),
    ({"model": {"betas": [0.5]}}, "model.betas must be a list of 2 values"),
])
def test_invalid_configs_are_rejected_with_a_reason(values, message):
    with pytest.raises(ConfigError, match=message):
        build_run_config(values)


def test_ints_are_accepted_for_floats_and_lists_become_tuples():
    config = build_run_config({"model": {"lr": 1, "betas": [0, 0]}})  # Adam refuses a beta of 1
    assert config.model.lr == 1.0 and config.model.betas == (0.0, 0.0)


def test_yaml_round_trip(tmp_path):
    config = build_run_config({"model": {"name": "vae"}, "train": {"steps": 9}})
    path = tmp_path / "c.yaml"
    path.write_text(config.to_yaml())
    assert build_run_config(read_yaml(path)) == config


def test_flags_override_the_file():
    merged = merge({"train": {"steps": 5, "seed": 1}}, {"train": {"steps": 7}})
    assert merged == {"train": {"steps": 7, "seed": 1}}


def test_bad_yaml_is_one_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("train: [unclosed\n")
    with pytest.raises(ConfigError, match="is not valid YAML") as error:
        read_yaml(path)
    assert "\n" not in str(error.value)


def test_each_source_reads_its_own_options_and_old_flat_sections_are_translated():
    from genforge.data.image.config import CelebAConfig, ImageDataConfig
    from genforge.data.text.config import TextDataConfig

    old_flat = {"name": "fashion-mnist", "dir": None, "split": "train", "image_size": None, "channels": None,
                "crop": None, "resize": "center-crop", "classes": False, "attributes": "", "cache": True,
                "max_images": 100, "mirror": True, "background": "white"}  # a config.yaml written before the split
    data = build_run_config({"data": old_flat}).data
    assert type(data) is ImageDataConfig and (data.max_images, data.mirror) == (100, True)
    assert type(build_run_config({"data": {"name": "celeba", "attributes": "Male"}}).data) is CelebAConfig
    assert type(build_run_config({"data": {"name": "tinyshakespeare"}}).data) is TextDataConfig
    with pytest.raises(ConfigError, match=r"^data.crop is not an option of fashion-mnist \(it is for celeba, folder\); "
                                          r"remove it$"):
        build_run_config({"data": {**old_flat, "crop": 20}})
    with pytest.raises(ConfigError, match=r"unknown key data.sequence_lenght \(did you mean 'sequence_length'\?\)"):
        build_run_config({"data": {"name": "tinyshakespeare", "sequence_lenght": 8}})


@pytest.mark.parametrize("section, values, message", [
    ("model", {"name": "dcgan", "loss": "hnge"}, r"model.loss must be .*, got 'hnge' \(did you mean 'hinge'\?\)"),
    ("model", {"name": "sngan", "architecture": "resnt"}, r"model.architecture must be dcgan, resnet or seed, got 'resnt'"),
    ("model", {"name": "vae", "decoder": "gauss"}, r"model.decoder must be bernoulli or gaussian, got 'gauss'"),
    ("model", {"name": "vae", "kl_schedule": "cosine"}, r"model.kl_schedule must be none, linear or cyclical"),
    ("train", {"precision": "fp8"}, r"train.precision must be fp32, bf16 or fp16, got 'fp8' \(did you mean 'fp32'\?\)"),
    ("data", {"name": "folder", "resize": "squash"}, r"data.resize must be center-crop, stretch or pad"),
])
def test_choices_are_checked_as_the_config_is_read_with_the_nearest_name(section, values, message):
    with pytest.raises(ConfigError, match=message):
        build_run_config({section: values})  # the config alone: no model is built, no data loads
