"""Text data: corpora (shipped, Debian's fortunes, the user's files) and their splits (corpora.py),
tokenisers saved as JSON (tokenizers.py), token streams served as training windows (streams.py), and
the sources' loaders (loaders.py). The tokenisers and corpora need no torch."""

from ...core.lazy import lazy_attributes

__getattr__ = lazy_attributes(__name__, {"TokenSpec": ".streams", "TokenStream": ".streams"})
