"""Matrix products through numpy's BLAS for parley's model.

thinc's CPU backend (``NumpyOps``) multiplies matrices with its bundled BLIS
kernels. On the machines parley is measured on, numpy's OpenBLAS does the same
products 1.5 to 2.5 times faster (``benchmarks/model_speed.py``; see
docs/model.md), and the matrix products are most of the model's time (the
tok2vec layers and the parser's precomputed hidden layer). ``ParleyOps`` is
``NumpyOps`` with only ``gemm`` replaced; every other operation stays thinc's.

The model's layers take their ops when they are built, so ``load_model`` builds
the pipeline under ``ParleyOps`` and leaves the process's current ops as they
were: other spaCy pipelines in the same process are not touched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class ParleyOps(NumpyOps):
    """``NumpyOps`` whose matrix product is ``numpy.matmul`` (OpenBLAS) instead of BLIS."""

    name = "parley"

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


@contextlib.contextmanager
def parley_ops() -> Iterator[ParleyOps]:
    """Build models under ``ParleyOps`` inside the block; restore the previous ops after it."""
    previous = get_current_ops()
    ops = ParleyOps()
    set_current_ops(ops)
    try:
        yield ops
    finally:
        set_current_ops(previous)
