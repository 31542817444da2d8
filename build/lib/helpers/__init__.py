"""Shared library of the code-generation MoE workbook: notebooks orchestrate, helpers do the work.

Modules are imported explicitly (``from helpers import config``); heavy libraries (torch, codebleu,
mergekit, bitsandbytes) are imported inside the functions that need them so this stays fast.
"""
