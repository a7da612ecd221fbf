"""How a text run's likelihood record (likelihood.json) is shown: the report's table and the line
`genforge nll` prints, for each of its kinds (a stream's or sentences' exact NLL, a sentence VAE's bound,
a seq2seq model's NLL of targets)."""

from __future__ import annotations

from ..html import escape, measured, number, table


def likelihood_section(like: dict, run) -> str:
    parts = []
    rows = [["NLL (nats/char)", number(like["nll_nats_per_character"], 4)],
            ["bits/char", number(like["bits_per_character"], 4)]]
    if "nll_nats_per_token" in like:
        rows += [["NLL (nats/token)", number(like["nll_nats_per_token"], 4)],
                 ["perplexity (per token)", number(like["perplexity"], 2)]]
    if "nll_nats_per_sentence" in like:  # a sentence VAE's bound, with k importance samples
        rows += [[f"NLL bound, k = {like['importance_samples']} (nats/sentence)", number(like["nll_nats_per_sentence"], 2)],
                 ["-ELBO (nats/sentence)", number(like["negative_elbo_nats_per_sentence"], 2)],
                 ["KL (nats/sentence)", number(like["kl_nats_per_sentence"], 3)],
                 ["mutual information (nats)", number(like["mutual_information_nats"], 3)],
                 ["active units", f"{like['active_units']} of {like['latent_dim']}"]]
    tokens = f'{like["tokens"]} tokens ({escape(like["tokenizer"])}), ' if "tokens" in like else ""
    parts.append("<h3>Held-out likelihood</h3>" + table(["", ""], rows, table_id="likelihood"))
    parts.append(f'<p class="muted">{measured(like, run.step)}{tokens}{like["characters"]} '
                 f'{escape(like.get("split", "valid"))} characters, exact, in windows of {like["context"]}.</p>')
    return "".join(parts)


def token_summary(report: dict) -> str:
    return (f"{report['tokens']} {report['split']} tokens ({report['tokenizer']}): NLL {report['nll_nats_per_token']:.4f} "
            f"nats/token, perplexity {report['perplexity']:.2f}; {report['characters']} characters: "
            f"{report['nll_nats_per_character']:.4f} nats/char = {report['bits_per_character']:.4f} bits/char "
            f"(context {report['context']})")


def sentence_summary(report: dict) -> str:
    return (f"{report['sentences']} {report['split']} sentences, k = {report['importance_samples']}: NLL <= "
            f"{report['nll_nats_per_sentence']:.2f} nats/sentence (perplexity {report['perplexity']:.2f}, "
            f"{report['bits_per_character']:.4f} bits/char); -ELBO {report['negative_elbo_nats_per_sentence']:.2f} "
            f"(reconstruction {report['reconstruction_nats_per_sentence']:.2f} + KL {report['kl_nats_per_sentence']:.2f}); "
            f"MI {report['mutual_information_nats']:.2f} nats; active units {report['active_units']}/{report['latent_dim']}")
