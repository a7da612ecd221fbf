"""Errors a user can cause. The CLI turns each into one line on stderr and exit code 2."""


class GenforgeError(Exception):
    """A problem with the user's input (flags, config, data, run folder). Never a bug."""

    exit_code = 2


class ConfigError(GenforgeError):
    """An invalid configuration: unknown key, wrong type, impossible value."""


class DataError(GenforgeError):
    """A dataset that is missing, truncated or malformed."""


class RunError(GenforgeError):
    """A run folder or checkpoint that cannot be used as asked."""


class EvalError(GenforgeError):
    """Images or feature-network weights that cannot be evaluated as asked."""


class NonFiniteImagesError(GenforgeError):
    """A model produced NaN or Inf pixels (a diverged checkpoint); refused rather than cast to garbage."""


class StorageError(GenforgeError):
    """A file could not be written (full disk, no permission): the input was fine, the machine was not."""

    exit_code = 1
