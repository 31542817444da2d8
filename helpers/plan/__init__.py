"""The memory and time plan of the workbook on a GPU profile (`python -m helpers.plan --profile P`).

models: the real models' shapes and parameter counts (shipped configs, `meta` device);
assumptions: every constant the plan rests on; formulas: bytes and seconds of basic operations;
notebooks: one function per notebook's heaviest step and the whole plan; __main__: the CLI.
"""
