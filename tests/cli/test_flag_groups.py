"""Flags come from their owners: `genforge train --help` shows each kind of data's group and the
training layer's, and `sample` and `eval` each kind of data's flags of theirs, built from their
registrations (data/<kind>/flags.py, training/flags.py)."""

from genforge.cli.main import build_parser
from genforge.data.flags import DATA_FLAGS


def subcommand(name: str):
    parser = build_parser()
    return next(action for action in parser._subparsers._group_actions if action.dest == "command").choices[name]


def test_train_shows_a_group_per_kind_of_data_and_one_for_training():
    groups = {group.title: [action.option_strings[0] for action in group._group_actions if action.option_strings]
              for group in subcommand("train")._action_groups}
    assert {"images", "text", "training"} <= set(groups)
    assert "--image-size" in groups["images"] and "--tokenizer" in groups["text"] and "--steps" in groups["training"]
    for name in DATA_FLAGS.names():  # every registered group, with all its source flags
        assert groups[name] == [flag.flag for flag in DATA_FLAGS.get(name).flags if flag.command == "data"]


def test_prepare_takes_the_sources_flags_but_not_what_only_training_reads():
    groups = {group.title: [action.option_strings[0] for action in group._group_actions if action.option_strings]
              for group in subcommand("prepare")._action_groups}
    assert "--image-size" in groups["images"] and "--max-images" not in groups["images"]


def test_sample_and_eval_show_each_kind_of_datas_flags_of_theirs():
    for command, image_flag, text_flag in (("sample", "--class", "--prompt"), ("eval", "--extractor", "--reference-lm")):
        groups = {group.title: [action.option_strings[0] for action in group._group_actions if action.option_strings]
                  for group in subcommand(command)._action_groups}
        assert image_flag in groups["images"] and text_flag in groups["text"], command
        assert "--image-size" not in groups["images"]  # a source's flag is not a sampling one
