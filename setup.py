"""The package list for setuptools; everything else is in pyproject.toml.

Code packages are found (a new ``briefgen/writers/html/`` ships without an edit
here); the repository's data folders ship inside the wheel under the names
``[tool.setuptools.package-dir]`` maps them to (``templates/`` as
``briefgen._templates`` …), which a search of ``briefgen/`` cannot see.
"""

from setuptools import find_packages, setup

DATA_PACKAGES = ["briefgen._templates", "briefgen._facts", "briefgen._facts.comparisons",
                 "briefgen.schemas"]

setup(packages=[*find_packages(include=["briefgen", "briefgen.*"]), *DATA_PACKAGES])
