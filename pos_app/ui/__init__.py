"""The desktop client (PySide6). The only package that imports Qt."""
