"""One sheet end to end.

The pipeline (tree -> fit -> every writer -> atomic write), the brief and comparison sheets, and the
input files a sheet depends on.
"""
