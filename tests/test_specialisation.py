"""helpers.specialisation: loss matrix, language following, the layer probe, paired bootstrap."""

from __future__ import annotations

import pytest
import torch

from helpers import specialisation

EXPERTS = {"python": "expert-python", "java": "expert-java"}


def test_loss_matrix_names_expert_rows_by_language_and_keeps_other_systems():
    losses = {
        "expert-python": {"python": 1.0, "java": 2.0},
        "expert-java": {"python": 1.5, "java": 0.9},
        "base": {"python": 1.2, "java": 1.3},
    }
    matrix = specialisation.loss_matrix(losses, EXPERTS)
    assert list(matrix) == ["python", "java", "base"]
    assert matrix["java"] == {"python": 1.5, "java": 0.9} and matrix["base"]["java"] == 1.3
    assert specialisation.own_language_best(matrix, ["python", "java"]) == {"python": True, "java": True}
    matrix["python"]["java"] = 0.5  # the Python expert now beats the Java expert on Java
    assert specialisation.own_language_best(matrix, ["python", "java"]) == {"python": True, "java": False}


def test_language_following_reads_each_answer():
    predictions = {
        "base": {
            "python": [{"raw_prediction": "def f(x):\n    return x + 1\n\nprint(f(2))\n"}] * 2,
            "java": [
                {"raw_prediction": "def f(x):\n    return x + 1\n\nprint(f(2))\n"},
                {
                    "raw_prediction": "class GFG {\n    public static void main(String[] args) {\n"
                    '        System.out.println("Hi");\n    }\n}\n'
                },
            ],
        }
    }
    assert specialisation.language_following(predictions) == {"base": {"python": 1.0, "java": 0.5}}


def test_probe_separates_languages_where_the_features_do():
    generator = torch.Generator().manual_seed(0)
    labels = ["python", "java"] * 20
    signal = torch.tensor([[3.0] if label == "java" else [-3.0] for label in labels])
    noise = torch.randn(40, 4, generator=generator)
    separable = torch.cat([signal, noise[:, 1:]], dim=1)  # feature 0 carries the language
    features = torch.stack([noise, separable])  # layer 0: noise only; layer 1: separable
    accuracy = specialisation.probe_accuracy(features, labels, seed=0)
    assert accuracy[1] == 1.0 and accuracy[0] < 0.8
    assert specialisation.probe_accuracy(features, labels, seed=0) == accuracy  # seeded
    with pytest.raises(ValueError, match="at least 2 labels"):
        specialisation.probe_accuracy(features, ["python"] * 40)


def test_layer_features_one_row_per_layer_and_text(micro_dir, tokenizer):
    from helpers import modeling

    model = modeling.load_model(micro_dir, quantize=False)
    features = specialisation.layer_features(model, tokenizer, ["def f(x):", "int main() {", "x"])
    assert features.shape == (model.config.num_hidden_layers + 1, 3, model.config.hidden_size)
