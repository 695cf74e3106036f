"""The driver script for ``spark-submit``: ``parley batch INPUT OUTPUT --engine spark`` on a cluster.

spark-submit runs a ``.py`` file, not a console script; this is that file::

    spark-submit --master yarn --deploy-mode cluster ... \\
        "$(python -c 'import parley.batch.submit as s; print(s.__file__)')" \\
        hdfs:///news/2024/ hdfs:///parley/2024/ --partitions 400

Arguments are those of ``parley batch`` (see docs/batch.md); the master comes
from spark-submit.
"""

from __future__ import annotations

import sys


def run(argv: list[str]) -> None:
    from parley.cli import main

    args = ["batch", *argv]
    if "--engine" not in argv:
        args += ["--engine", "spark"]
    main(args, prog_name="parley")


if __name__ == "__main__":
    run(sys.argv[1:])
