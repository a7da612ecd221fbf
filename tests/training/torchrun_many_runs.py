"""Several `genforge train` runs in one torchrun launch: the test of every family in two processes
pays for one launch and one rendezvous instead of one per family.

    torchrun --standalone --nproc_per_node=2 torchrun_many_runs.py ARGS_JSON

ARGS_JSON holds a list of argument lists; each is run in turn through the CLI's entry function,
in a process group this script opened (and the runs therefore keep open). It exits with the
first non-zero exit code.
"""

import json
import sys

import torch.distributed as dist

from genforge.cli.main import main

if __name__ == "__main__":
    dist.init_process_group("gloo")
    with open(sys.argv[1]) as file:
        runs = json.load(file)
    for args in runs:
        code = main(args)
        if code:
            raise SystemExit(code)
        dist.barrier()  # the next run starts together, after rank 0 has written this one
    dist.destroy_process_group()
