"""Facts into marked Markdown.

The sandboxed Jinja2 environment, rendering with limits, and the functions templates call.
"""
