import subprocess
import sys


def test_the_error_path_imports_no_torch():
    """The CLI's one-line errors, and the checks made before anything loads, need no torch."""
    code = "import sys, genforge, genforge.core.errors, genforge.core.storage, genforge.training.safe_folders; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_load_is_still_at_the_top():
    import genforge

    assert callable(genforge.load) and genforge.training.RunFolder


def run_without_torch(code: str) -> list[str]:
    """`code`'s printed lines, and whether torch was imported by the end, in a fresh interpreter."""
    code += "\nprint('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", "import sys\n" + code], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_a_config_is_read_and_every_choice_checked_without_torch():
    code = """
from genforge.training.run_config import build_run_config
from genforge.core.errors import ConfigError
build_run_config({"model": {"name": "wgan-gp", "loss": "hinge", "architecture": "resnet"},
                  "data": {"name": "celeba", "resize": "pad"}, "train": {"eval_extractor": "inception"}})
build_run_config({"model": {"name": "char-lm"}, "data": {"name": "tinyshakespeare"}})
for bad in ({"model": {"name": "vae", "decoder": "bernouli"}}, {"train": {"eval_extractor": "fmnst"}},
            {"model": {"name": "dcgna"}}, {"data": {"name": "celeba", "resize": "crop"}}):
    try:
        build_run_config(bad)
    except ConfigError as error:
        print("refused")
"""
    assert run_without_torch(code) == ["refused"] * 4 + ["False"]


def test_the_cli_answers_a_config_error_without_importing_torch(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("model:\n  name: dcgan\n  loss: hingee\n")
    code = f"""
from genforge.cli.main import main
print(main(["train", "--config", {str(config)!r}, "--out", {str(tmp_path / "run")!r}]))
"""
    assert run_without_torch(code) == ["2", "False"]
    assert not (tmp_path / "run").exists()
