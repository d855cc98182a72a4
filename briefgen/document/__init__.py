"""The document tree: the format-neutral waist between templates and writers."""
