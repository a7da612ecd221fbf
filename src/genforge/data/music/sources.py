"""The music sources: the shipped JSB chorales, music21's Bach chorales and Essen folk songs, and the
user's own MIDI files."""

from ..sources import DataSource, register
from .config import BachChoralesConfig, EssenConfig, JSBConfig, MidiConfig

register(DataSource("jsb-chorales", "music", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".music.loaders:load_jsb", config_class=JSBConfig))
register(DataSource("bach-chorales", "music", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".music.loaders:load_bach_chorales", config_class=BachChoralesConfig))
register(DataSource("essen-folk", "music", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".music.loaders:load_essen", config_class=EssenConfig))
register(DataSource("midi", "music", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".music.loaders:load_user_midi", config_class=MidiConfig))
