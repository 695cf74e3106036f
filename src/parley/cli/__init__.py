"""The ``parley`` command line: thin Click commands over the library functions."""

from __future__ import annotations

import importlib

import click

from parley import __version__

# Each module adds its commands to ``main`` when imported; listed here so that
# ``parley --help`` shows them all.
COMMAND_MODULES = [
    "parley.cli.analyze",
    "parley.cli.store",
    "parley.cli.batch",
    "parley.cli.serve",
    "parley.cli.actors",
    "parley.cli.eval",
    "parley.cli.quotes",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="parley")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
@click.option("--model", default=None, envvar="PARLEY_MODEL", show_envvar=True, metavar="NAME|DIR",
              help="The NLP model: 'fast' (default, the shipped CNN), 'accurate' (MiniLM; needs "
                   "pip install 'parley[accurate]') or a model folder.")
def main(verbose: int, model: str | None) -> None:
    """parley: sourced, structured records of conflict and diplomacy from news text.

    Exit codes: 0 success, 1 an input or store could not be processed, 2 a usage error.
    """
    import logging
    import os

    if model:
        os.environ["PARLEY_MODEL"] = model  # read by parley.load_model, here and in batch workers

    if verbose:
        logging.basicConfig(
            level=logging.DEBUG if verbose > 1 else logging.INFO,
            format="%(levelname)s %(name)s: %(message)s",
        )


for _name in COMMAND_MODULES:
    importlib.import_module(_name)
