"""The notebook's runtime: Colab/Kaggle detection, and the fixes a hosted runtime needs after the
workbook's install (an old preinstalled torchao that breaks peft, packages imported before they
were upgraded), which are no-ops locally; and the CPU cores this process may use."""

from __future__ import annotations

import os
import sys
from importlib import metadata

# peft 0.21.2 refuses torchao older than this (ImportError on LoRA over unquantised layers);
# Colab ships torchao 0.10.0 (late 2026).
PEFT_MIN_TORCHAO = "0.16.0"
RESTART_HINT = "Restart the runtime (Colab: Runtime > Restart session), then run this notebook again."


def usable_cores() -> list[int]:
    """The CPU cores this process may run on: its affinity where the OS has one (Linux; the
    pipeline gives stages running at once a share each), else all of the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


def is_hosted(modules=None, environ=None) -> bool:
    """True on Google Colab or Kaggle."""
    modules = sys.modules if modules is None else modules
    environ = os.environ if environ is None else environ
    return "google.colab" in modules or "KAGGLE_KERNEL_RUN_TYPE" in environ


def _version_tuple(version: str) -> tuple[int, ...]:
    """(0, 10, 0) from '0.10.0+cu121': the numeric release parts."""
    parts = []
    for piece in version.split("+")[0].split("."):
        digits = "".join(c for c in piece if c.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def torchao_blocks_peft(torchao_version: str | None) -> bool:
    """True when an installed torchao is older than peft accepts (peft would raise ImportError)."""
    return torchao_version is not None and _version_tuple(torchao_version) < _version_tuple(PEFT_MIN_TORCHAO)


def installed_version(distribution: str) -> str | None:
    """The installed version of a distribution, or None."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def hide_old_torchao() -> bool:
    """Make peft treat a too-old torchao as absent (the workbook does not use torchao); True if it did.

    peft checks torchao's version wherever it dispatches LoRA layers, and raises for old versions
    even when no layer is torchao-quantised. Uninstalling the runtime's torchao could break other
    preinstalled packages, so peft's check is answered here instead.
    """
    if not torchao_blocks_peft(installed_version("torchao")):
        return False
    import peft.import_utils
    import peft.tuners.lora.torchao
    import peft.utils.quantization_utils

    def absent() -> bool:
        return False

    for module in (peft.import_utils, peft.tuners.lora.torchao, peft.utils.quantization_utils):
        if hasattr(module, "is_torchao_available"):
            module.is_torchao_available = absent
    return True


def stale_imports(pins: dict[str, str], modules=None) -> list[str]:
    """Pinned distributions already imported at another version than installed now: the runtime
    still runs the old code until it restarts. `pins` maps distribution to import name."""
    modules = sys.modules if modules is None else modules
    stale = []
    for distribution, module_name in pins.items():
        module = modules.get(module_name)
        loaded = getattr(module, "__version__", None) if module is not None else None
        if loaded is not None and loaded != installed_version(distribution):
            stale.append(distribution)
    return stale


# Third-party loggers whose warnings and progress bars are noise in an executed notebook.
NOISY_LOGGERS = (
    "transformers",
    "datasets",
    "peft",
    "trl",
    "accelerate",
    "bitsandbytes",
    "mergekit",
    "httpx",
    "huggingface_hub",
)


def quiet_libraries() -> None:
    """No third-party progress bars or warning spam in notebook outputs (errors still show).

    Call it before the libraries are imported: tqdm reads TQDM_DISABLE when a bar is made, and
    tqdm.auto warns about missing ipywidgets when it is first imported. mergekit logs on the root
    logger, so the root logger shows errors only; the notebooks report what matters themselves.
    """
    import logging
    import warnings

    for variable in ("TQDM_DISABLE", "HF_HUB_DISABLE_PROGRESS_BARS", "HF_DATASETS_DISABLE_PROGRESS_BARS"):
        os.environ.setdefault(variable, "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    warnings.filterwarnings("ignore", message=r".*IProgress not found.*")
    warnings.filterwarnings("ignore", message=r".*`torch_dtype` is deprecated.*")
    logging.getLogger().setLevel(logging.ERROR)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def versions_line(versions: dict[str, str] | None = None) -> str:
    """The tracked libraries' versions on one line: 'torch 2.13.0 · transformers 5.23.0 · …'."""
    from helpers.runs import library_versions

    versions = library_versions() if versions is None else versions
    return " · ".join(f"{name} {version}" for name, version in versions.items())
