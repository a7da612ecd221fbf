"""The command line: one module per command, each thin (parse, call one pipeline, print).

A command imports its pipeline when it runs, not at the top: `genforge --help`, a usage error and a
config error (every choice is checked as the config is read) answer in a fraction of a second,
without importing torch."""
