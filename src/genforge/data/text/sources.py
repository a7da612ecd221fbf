"""The text sources: the shipped tiny-shakespeare, Debian's fortunes and Tang poems, the user's files,
and (source, target) pairs."""

from ..sources import DataSource, register
from .config import (CoupletsConfig, DialogueConfig, FortunesConfig, PairsConfig, TangPoemsConfig, TextDataConfig,
                     UserTextConfig)

register(DataSource("tinyshakespeare", "text", ("train", "valid"), held_out="valid",
                    loader=".text.loaders:load_tinyshakespeare", config_class=TextDataConfig))
register(DataSource("fortunes", "text", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".text.loaders:load_fortunes", config_class=FortunesConfig))
register(DataSource("tang-poems", "text", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".text.loaders:load_tang_poems", config_class=TangPoemsConfig))
register(DataSource("text", "text", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".text.loaders:load_user_text", config_class=UserTextConfig))
for name, config_class in (("pairs", PairsConfig), ("couplets", CoupletsConfig), ("dialogue", DialogueConfig)):
    register(DataSource(name, "text", ("train", "valid", "test"), held_out="test", validation="valid",
                        loader=f".text.loaders:load_{name}", config_class=config_class))
