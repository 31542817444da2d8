"""Batched generation (left padding, KV cache) and prediction files (answers cut by helpers.answers).

The paper decoded the whole sequence and sliced the text by the prompt's length in characters,
which cut the first characters of every answer whenever decoding changed the prompt's spelling;
here only the new tokens are decoded. Prompts are sorted by length so that a batch holds prompts
of similar length (little padding), and the answers are put back in the input order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from helpers import answers, config
from helpers.answers import STOP_STRINGS
from helpers.runs import read_jsonl, write_jsonl


@dataclass(frozen=True)
class GenerationSettings:
    """How to generate: greedy by default; sampling (temperature, top_p, seed) as an option."""

    max_new_tokens: int = 256
    batch_size: int = 8
    do_sample: bool = False
    temperature: float = 1.0  # used only when do_sample
    top_p: float = 1.0  # used only when do_sample
    seed: int = 0
    # decoding stops early at these; the prediction is always cut at answers.STOP_STRINGS
    stop_strings: tuple[str, ...] = STOP_STRINGS
    # an answer stops once one line occurs this many times (a loop, not a program); 0 = never
    stop_repeated_lines: int = 4

    @classmethod
    def from_profile(cls, profile: config.Profile, **overrides) -> GenerationSettings:
        """The profile's generation settings, with any field overridden."""
        settings = cls(
            max_new_tokens=profile.max_new_tokens, batch_size=profile.gen_batch_size, seed=profile.seed
        )
        return settings.replace(**overrides) if overrides else settings

    def replace(self, **overrides) -> GenerationSettings:
        """A copy with some fields changed."""
        import dataclasses

        return dataclasses.replace(self, **overrides)

    def as_dict(self) -> dict:
        """JSON-ready settings (what a prediction file records)."""
        settings = asdict(self)
        settings["stop_strings"] = list(self.stop_strings)
        return settings


def length_batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of prompts of similar length, longest first."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}.")
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def repeats_a_line(text: str, repeats: int) -> bool:
    """True when some complete line of `text` occurs `repeats` times (a line of one character,
    such as a brace, and blank lines never count)."""
    if repeats < 2:
        raise ValueError(f"repeats must be at least 2 (0 switches the check off), got {repeats}.")
    counts: dict[str, int] = {}
    for line in text.split("\n")[:-1]:  # the last piece is still being written
        if len(line.strip()) > 1:
            counts[line] = counts.get(line, 0) + 1
            if counts[line] >= repeats:
                return True
    return False


class RepeatedLineStop:
    """A transformers stopping criterion: stops each sequence whose new text repeats a line."""

    def __init__(self, tokenizer, prompt_len: int, repeats: int):
        self.tokenizer, self.prompt_len, self.repeats = tokenizer, prompt_len, repeats

    def __call__(self, input_ids, scores=None, **kwargs):
        """One bool per sequence: True where its answer repeats a line `repeats` times."""
        import torch

        texts = self.tokenizer.batch_decode(input_ids[:, self.prompt_len :], skip_special_tokens=True)
        done = [repeats_a_line(text, self.repeats) for text in texts]
        return torch.tensor(done, dtype=torch.bool, device=input_ids.device)


def generate_batch(model, tokenizer, prompts: list[str], settings: GenerationSettings) -> list[str]:
    """Generate for one batch of prompts (left-padded, KV cache); decode only the new tokens."""
    import torch

    tokenizer.padding_side = "left"  # decoder-only: every prompt ends where generation starts
    # The prompts already carry their special tokens (e.g. `<s>` from the chat template).
    inputs = tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
    inputs = inputs.to(model.device)
    sampling = (
        {"do_sample": True, "temperature": settings.temperature, "top_p": settings.top_p}
        if settings.do_sample
        else {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
    )
    stopping = (
        [RepeatedLineStop(tokenizer, inputs["input_ids"].shape[1], settings.stop_repeated_lines)]
        if settings.stop_repeated_lines
        else None
    )
    with torch.no_grad():
        output = model.generate(
            **inputs,
            max_new_tokens=settings.max_new_tokens,
            use_cache=True,
            pad_token_id=tokenizer.pad_token_id,
            eos_token_id=tokenizer.eos_token_id,
            stop_strings=list(settings.stop_strings) or None,
            tokenizer=tokenizer,
            stopping_criteria=stopping,
            **sampling,
        )
    new_tokens = output[:, inputs["input_ids"].shape[1] :]  # (batch, new tokens)
    return tokenizer.batch_decode(new_tokens, skip_special_tokens=True)


def generate(model, tokenizer, prompts: list[str], settings: GenerationSettings) -> list[str]:
    """Raw answers for every prompt, batched by prompt length, returned in the input order."""
    import torch

    if settings.do_sample:
        torch.manual_seed(settings.seed)
    lengths = [len(ids) for ids in tokenizer(prompts, add_special_tokens=False)["input_ids"]]
    answers: list[str] = [""] * len(prompts)
    for batch in length_batches(lengths, settings.batch_size):
        texts = generate_batch(model, tokenizer, [prompts[i] for i in batch], settings)
        for index, text in zip(batch, texts, strict=True):
            answers[index] = text
    return answers


# --------------------------------------------------------------------------- prediction files


def prediction_rows(
    records: list[dict],
    prompts: list[str],
    raw: list[str],
    language: str,
    model_name: str,
    settings: GenerationSettings,
) -> list[dict]:
    """One row per record: prompt, prediction (its program), raw answer, reference, language, model.

    The prediction is answers.answer_to_program of the raw answer: what CodeBLEU scores and the
    execution checks run.
    """
    from helpers.prompts import instruction

    language = config.get_language(language).name
    rows = []
    for record, prompt, answer in zip(records, prompts, raw, strict=True):
        echo = instruction(record["text"], language)  # what a model may repeat before its answer
        rows.append(
            {
                "task_id": record.get("task_id"),
                "subset": record.get("subset"),  # hand-written or generated (helpers.data)
                "language": language,
                "model": model_name,
                "prompt": prompt,
                "prediction": answers.answer_to_program(answer, language, echo),
                "raw_prediction": answer,
                "reference": record["code"],  # xlcost form, as the paper
                "reference_source": record["source"],
                "settings": settings.as_dict(),
            }
        )
    return rows


def predictions_complete(
    path: str | Path, prompts: list[str], model_name: str, settings: GenerationSettings
) -> bool:
    """True when `path` holds one row per prompt, same model and settings (a rerun can skip)."""
    path = Path(path)
    if not path.is_file():
        return False
    rows = read_jsonl(path)
    return (
        len(rows) == len(prompts)
        and all(r.get("prompt") == p for r, p in zip(rows, prompts, strict=True))
        and all(r.get("model") == model_name and r.get("settings") == settings.as_dict() for r in rows)
    )


def write_predictions(
    path: str | Path,
    model,
    tokenizer,
    records: list[dict],
    prompts: list[str],
    language: str,
    model_name: str,
    settings: GenerationSettings,
) -> list[dict]:
    """Generate and write predictions as jsonl (atomically); reuse a complete file instead.

    `model_name` should identify the weights (e.g. with modeling.model_fingerprint), so that a
    file written by an older model is not taken for a complete one.
    """
    if len(records) != len(prompts):
        raise ValueError(f"{len(records)} records but {len(prompts)} prompts; one prompt per record.")
    if predictions_complete(path, prompts, model_name, settings):
        return read_jsonl(path)
    raw = generate(model, tokenizer, prompts, settings)
    rows = prediction_rows(records, prompts, raw, language, model_name, settings)
    write_jsonl(path, rows)
    return rows


def codebleu_results(rows: list[dict], language: str) -> dict:
    """{scoring: evaluate.CodeBLEUResult} of prediction rows against their xlcost references, each
    with its per-sample rows (`.samples`, in the rows' order), for both scorings.

    published: the paper's protocol (references in xlcost's tokenised form, the library's score);
    corrected: references rebuilt as source and tokenised as code, no free data-flow credit.
    """
    from helpers import evaluate

    predictions = [row["prediction"] for row in rows]
    references = [row["reference"] for row in rows]
    return {
        scoring: evaluate.score_codebleu(
            predictions, references, language, scoring=scoring, reference_format=reference_format
        )
        for scoring, reference_format in evaluate.OWN_RUN_SCORINGS
    }


def result_scores(results: dict) -> dict[str, float]:
    """codebleu_<scoring>, its components and free_dataflow_share_<scoring> of `codebleu_results`."""
    from helpers import evaluate

    scores: dict[str, float] = {}
    for scoring, result in results.items():
        scores[f"codebleu_{scoring}"] = result.codebleu
        for component in evaluate.COMPONENTS:
            scores[f"{component}_{scoring}"] = getattr(result, component)
        scores[f"free_dataflow_share_{scoring}"] = result.free_dataflow_share
    return scores


def score_predictions(rows: list[dict], language: str) -> dict[str, float]:
    """CodeBLEU of prediction rows in both scorings (published, corrected), with components."""
    return result_scores(codebleu_results(rows, language))


def score_by_subset(rows: list[dict], language: str) -> dict[str, dict[str, float]]:
    """score_predictions of the rows of each subset (hand-written, generated), in first-seen order."""
    subsets = dict.fromkeys(str(row.get("subset") or "all") for row in rows)
    return {
        subset: score_predictions([r for r in rows if str(r.get("subset") or "all") == subset], language)
        for subset in subsets
    }


def reuse_or_write_predictions(
    existing: str | Path,
    fallback: str | Path,
    load_model,
    tokenizer,
    records: list[dict],
    prompts: list[str],
    language: str,
    model_name: str,
    settings: GenerationSettings,
) -> tuple[Path, list[dict]]:
    """Another stage's predictions when complete for these prompts, model and settings; otherwise
    generate them into `fallback` (loading the model with `load_model()` only then)."""
    if predictions_complete(existing, prompts, model_name, settings):
        return Path(existing), read_jsonl(existing)
    rows = write_predictions(
        fallback,
        load_model() if not predictions_complete(fallback, prompts, model_name, settings) else None,
        tokenizer,
        records,
        prompts,
        language,
        model_name,
        settings,
    )
    return Path(fallback), rows
