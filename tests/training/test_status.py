import json

from genforge.training.run_config import build_run_config
from genforge.pipelines import train
from genforge.training.status import cpu_description

CPUINFO = """processor\t: 0
model name\t: Intel(R) Xeon(R) Platinum 8480+
flags\t\t: fpu sse2 avx2 avx512f avx512_bf16 amx_bf16 amx_tile amx_int8
processor\t: 1
model name\t: Intel(R) Xeon(R) Platinum 8480+
"""


def test_the_cpu_model_and_its_speed_deciding_instruction_sets():
    described = cpu_description(CPUINFO)
    assert described == {"cpu": "Intel(R) Xeon(R) Platinum 8480+",
                         "cpu_flags": ["AVX2", "AVX-512", "AVX-512-BF16", "AMX-BF16", "AMX-INT8", "AMX-TILE"]}
    assert cpu_description("flags : sse2\n")["cpu_flags"] == []


def test_machine_json_names_the_cpu(tmp_path, tiny_config_values):
    values = {**tiny_config_values, "train": {**tiny_config_values["train"], "steps": 1}}
    train(build_run_config(values), tmp_path / "run")
    machine = json.loads((tmp_path / "run" / "machine.json").read_text())
    assert machine["cpu"] not in ("", "x86_64") and isinstance(machine["cpu_flags"], list)
