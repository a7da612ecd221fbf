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
