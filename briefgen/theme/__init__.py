"""Themes: the theme model (page sizes live here, once) and the loader of theme YAML files."""
