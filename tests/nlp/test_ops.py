"""ParleyOps: thinc's NumpyOps with the matrix product through numpy's BLAS."""

import numpy
import pytest
from thinc.api import NumpyOps, get_current_ops

from parley.nlp import load_model
from parley.nlp.ops import ParleyOps, parley_ops


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_gemm_matches_thinc(trans1, trans2):
    rng = numpy.random.default_rng(0)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7)).astype("float32")
    y = rng.standard_normal((5, 3) if not trans2 else (3, 5)).astype("float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = ParleyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (7, 3) and got.dtype == numpy.float32
    numpy.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    out = numpy.zeros((7, 3), dtype="float32")
    assert ParleyOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_block_restores_the_current_ops():
    before = get_current_ops()
    with parley_ops() as ops:
        assert get_current_ops() is ops
    assert get_current_ops() is before


def test_model_layers_use_parley_ops_and_leave_the_process_alone():
    nlp = load_model()
    assert isinstance(nlp.get_pipe("tok2vec").model.ops, ParleyOps)
    assert isinstance(nlp.get_pipe("parser").model.ops, ParleyOps)
    assert not isinstance(get_current_ops(), ParleyOps)
    doc = nlp("Ukraine's president said on Sunday he would travel to Istanbul.")
    assert any(t.dep_ == "ROOT" for t in doc)
