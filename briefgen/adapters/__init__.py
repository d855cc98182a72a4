"""The only place briefgen touches a library's private internals: one module per library.

:mod:`~briefgen.adapters.reportlab` (the canvas' and text object's hooks,
flowables, frames, parsed fonts), :mod:`~briefgen.adapters.python_docx` (the
OXML elements behind python-docx's proxies) and :mod:`~briefgen.adapters.pypdf`
(a writer's objects and catalogue). Each gives small named functions; a test
(``tests/adapters/test_adapters.py``) fails on a private name of those libraries used
anywhere else, so an upgrade that moves an internal breaks one module.
"""
