"""The assessment / IDP / aggregation core. Standard library only: it runs under CPython and inside Pyodide."""
