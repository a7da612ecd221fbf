"""`python -m genforge ...` (and `torchrun -m genforge ...`) run the CLI."""

from .cli.main import main

raise SystemExit(main())
