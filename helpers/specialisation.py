"""Do the experts specialise, and does the model know the language? Evidence beyond a few samples.

- `loss_matrix`: mean teacher-forced loss on program tokens of every expert (and the base model and
  each MoE) on every language's validation split; `own_language_best` reads its diagonal.
- `language_following`: the share of answers written in the requested language, per system and
  language (helpers.language_id decides the language of each answer).
- `layer_features` and `probe_accuracy`: a linear probe of language identity on the hidden states
  of each layer, trained on one half of the programs and scored on the other half (`fit_probe`
  fits one, and helpers.router_ceiling reuses it per token).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def loss_matrix(
    losses: Mapping[str, Mapping[str, float]], experts: Mapping[str, str]
) -> dict[str, dict[str, float]]:
    """{row: {evaluation language: loss}}: one row per expert, named by its language (`experts`
    maps language -> system name), then every other system of `losses` under its own name."""
    rows = {lang: dict(losses[system]) for lang, system in experts.items() if system in losses}
    rows |= {system: dict(by) for system, by in losses.items() if system not in experts.values()}
    return rows


def own_language_best(matrix: Mapping[str, Mapping[str, float]], languages: Sequence[str]) -> dict[str, bool]:
    """Per language: is that language's expert the one with the lowest loss on it (among experts)?"""
    experts = [lang for lang in languages if lang in matrix]
    best = {}
    for lang in experts:
        column = {expert: matrix[expert][lang] for expert in experts if lang in matrix[expert]}
        best[lang] = min(column, key=column.get) == lang
    return best


def language_following(predictions: Mapping[str, Mapping[str, list[dict]]]) -> dict[str, dict[str, float]]:
    """{system: {requested language: share of its answers written in that language}}."""
    from helpers.language_id import language_report

    return {
        system: {
            lang: language_report([r["raw_prediction"] for r in rows], lang)["requested_share"]
            for lang, rows in by_language.items()
            if rows
        }
        for system, by_language in predictions.items()
    }


def layer_features(model, tokenizer, texts: Sequence[str], max_len: int = 256):
    """Mean hidden state over each text's tokens, per layer: a tensor (layers + 1, texts, hidden)."""
    import torch

    rows = []
    model.eval()
    with torch.no_grad():
        for text in texts:
            ids = tokenizer(text, add_special_tokens=False, return_tensors="pt")["input_ids"][:, :max_len]
            out = model(input_ids=ids.to(model.device), output_hidden_states=True)
            rows.append(torch.stack([h[0].float().mean(dim=0) for h in out.hidden_states]))
    return torch.stack(rows, dim=1).cpu()  # (layers + 1 with the embeddings, texts, hidden)


def probe_accuracy(
    features, labels: Sequence[str], seed: int = 0, steps: int = 200, weight_decay: float = 1e-3
) -> list[float]:
    """Held-out accuracy of a linear probe (multinomial logistic regression) per layer.

    `features` is (layers, texts, hidden) from `layer_features`; a seeded half of the texts of each
    label trains the probe (standardised features, LBFGS), the other half scores it.
    """
    import torch

    classes = sorted(set(labels))
    if len(classes) < 2:
        raise ValueError(f"a probe needs at least 2 labels, got {classes}.")
    y = torch.tensor([classes.index(label) for label in labels])
    generator = torch.Generator().manual_seed(seed)
    train = torch.zeros(len(labels), dtype=torch.bool)
    for k in range(len(classes)):
        members = (y == k).nonzero().flatten()
        members = members[torch.randperm(len(members), generator=generator)]
        train[members[: max(1, len(members) // 2)]] = True
    if train.all():
        raise ValueError("a probe needs at least 2 texts of some label, one to train and one to test.")
    accuracies = []
    for layer in features:
        predict = fit_probe(layer[train], y[train], len(classes), seed, steps, weight_decay)
        accuracies.append(float((predict(layer[~train]) == y[~train]).float().mean()))
    return accuracies


def fit_probe(x, y, classes: int, seed: int = 0, steps: int = 200, weight_decay: float = 1e-3):
    """A multinomial logistic regression fitted on (x, y) with LBFGS on standardised features; returns
    a function from features to predicted class indices."""
    import torch

    x = x.float()
    mu, sd = x.mean(dim=0), x.std(dim=0) + 1e-6
    torch.manual_seed(seed)
    probe = torch.nn.Linear(x.shape[1], classes)
    optimizer = torch.optim.LBFGS(probe.parameters(), max_iter=steps, line_search_fn="strong_wolfe")
    z = (x - mu) / sd

    def closure():
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(probe(z), y) + weight_decay * probe.weight.pow(2).sum()
        loss.backward()
        return loss

    optimizer.step(closure)

    def predict(features):
        with torch.no_grad():
            return probe((features.float() - mu) / sd).argmax(dim=1)

    return predict
