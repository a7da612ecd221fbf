import pytest

from genforge.core.errors import RunError
from genforge.training.safe_folders import check_replaceable, overlapping_input


def test_a_folder_that_is_holds_or_lies_inside_an_input_overlaps(tmp_path):
    photos = tmp_path / "photos"
    (photos / "run").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(photos, target_is_directory=True)
    assert overlapping_input(photos, [("--images", photos)]) == ("--images", photos)
    assert overlapping_input(tmp_path, [("--images", photos)]) == ("--images", photos)  # holds it
    assert overlapping_input(photos / "run", [("--images", photos)]) == ("--images", photos)  # inside it
    assert overlapping_input(link, [("--images", photos)]) == ("--images", photos)  # symlinks resolved
    assert overlapping_input(tmp_path / "other", [("--images", photos)]) is None


def test_only_a_genforge_folder_without_inputs_is_replaceable(tmp_path):
    check_replaceable(tmp_path / "run", [("--config", tmp_path / "c.yaml")], made_by_genforge=True)
    with pytest.raises(RunError, match="not a genforge run"):
        check_replaceable(tmp_path / "run", [], made_by_genforge=False)
    with pytest.raises(RunError, match="holds the input"):
        check_replaceable(tmp_path, [("--config", tmp_path / "c.yaml")], made_by_genforge=True)


def test_every_source_declares_the_paths_it_reads():
    """A field that names a file or folder (dir, *_dir, *_file, *_folder, *_path) is one of the
    source's INPUT_PATHS, so that --overwrite protects it with no list of flags to keep up to date."""
    import dataclasses

    from genforge.data.sources import DATA_CONFIGS

    for name in DATA_CONFIGS.names():
        config_class = DATA_CONFIGS.get(name)
        fields = {field.name for field in dataclasses.fields(config_class)}
        assert set(config_class.INPUT_PATHS) <= fields, f"{name} declares paths it has no field for"
        pathlike = {key for key in fields if key == "dir" or key.endswith(("_dir", "_file", "_folder", "_path"))}
        assert pathlike <= set(config_class.INPUT_PATHS), f"{name}: {pathlike - set(config_class.INPUT_PATHS)} undeclared"


def test_a_new_sources_declared_path_is_protected_without_a_new_list(tmp_path):
    """A later source (a MIDI folder beside its data.dir) adds its field to INPUT_PATHS, and a run that
    holds it is never replaced."""
    from dataclasses import dataclass
    from types import SimpleNamespace
    from typing import ClassVar

    from genforge.data.config import DataConfig
    from genforge.training.runs import data_inputs

    @dataclass
    class MidiConfig(DataConfig):
        INPUT_PATHS: ClassVar[tuple[str, ...]] = ("dir", "midi_dir")
        midi_dir: str | None = None

    run = tmp_path / "run"
    inputs = data_inputs(SimpleNamespace(data=MidiConfig(name="midi", midi_dir=str(run / "midi"))))
    assert inputs[0] == ("data.midi_dir", run / "midi")
    with pytest.raises(RunError, match=r"it holds the input .*/run/midi \(data.midi_dir\); choose another --out"):
        check_replaceable(run, inputs, made_by_genforge=True)
