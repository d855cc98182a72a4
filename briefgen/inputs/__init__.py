"""Reading input files.

YAML with line numbers and limits, and pydantic errors turned into file:line problems.
"""
