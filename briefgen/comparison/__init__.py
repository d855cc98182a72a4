"""Comparison specs.

The spec model and its checks, and the comparison table as data (no templating, no writers).
"""
