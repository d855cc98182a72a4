"""A whole course in one run.

The manifest, the state and lock of an output folder, the parallel run, one job, and the pack.
"""
