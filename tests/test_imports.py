import subprocess
import sys


def test_the_error_path_imports_no_torch():
    """The CLI's one-line errors, and the checks made before anything loads, need no torch."""
    code = "import sys, genforge, genforge.errors, genforge.storage, genforge.safe_folders; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_load_is_still_at_the_top():
    import genforge

    assert callable(genforge.load) and genforge.training.RunFolder
