"""Test settings shared by every test module."""

import os

# Single-threaded BLAS so that estimates are bit-for-bit repeatable; set before numpy loads.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
