"""Leeway's benchmarks: ``python -m benchmarks [--quick] [--out PATH]``.

Each figure is measured next to a baseline taken in the same run on the same machine
(see issue 7). The synthetic data set is deterministic and cached in
``benchmarks/data/`` (git-ignored) keyed by size, seed and schema revision.
"""
