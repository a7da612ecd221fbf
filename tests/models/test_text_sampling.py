"""The loop every text family samples with: one id per row and position, until every row has drawn
<eos> or the length is reached; greedy without a generator."""

import torch

from genforge.data.text.tokenizers import EOS
from genforge.models.text_sampling import draw_until_end, token_picker


def scripted(rows: list[list[int]]):
    """Logits that make greedy decoding emit `rows` (one list per row), and the feed they receive."""
    fed: list[torch.Tensor] = []

    def logits_at(position: int) -> torch.Tensor:
        logits = torch.zeros(len(rows), 16)
        for index, row in enumerate(rows):
            logits[index, row[min(position, len(row) - 1)]] = 10.0
        return logits

    def advance(following: torch.Tensor) -> torch.Tensor:
        fed.append(following)
        return logits_at(len(fed))

    return logits_at(0), advance, fed


def test_it_stops_when_every_row_has_ended_and_feeds_each_drawn_id_back():
    first, advance, fed = scripted([[5, EOS, 7, 7], [6, 6, EOS, 7]])
    ids = draw_until_end(first, advance, 10, token_picker(None))
    assert ids.tolist() == [[5, EOS, 7], [6, 6, EOS]]  # the second row ends at position 2: no more draws
    assert [f.tolist() for f in fed] == [[[5], [6]], [[EOS], [6]]]  # never fed after the last draw


def test_it_stops_at_max_tokens_and_can_run_past_the_end():
    first, advance, fed = scripted([[EOS, 3, 4, 5]])
    assert draw_until_end(first, advance, 3, token_picker(None), stop_at_end=False).tolist() == [[EOS, 3, 4]]
    assert len(fed) == 2
    first, advance, _ = scripted([[3, 4, 5, 6]])
    assert draw_until_end(first, advance, 2, token_picker(None)).tolist() == [[3, 4]]


def test_drawn_ids_follow_the_seed():
    logits = torch.zeros(4, 16)
    draws = [draw_until_end(logits, lambda following: logits, 6, token_picker(torch.Generator().manual_seed(seed),
                                                                           temperature=1.5)) for seed in (0, 0, 1)]
    assert torch.equal(draws[0], draws[1]) and not torch.equal(draws[0], draws[2])
