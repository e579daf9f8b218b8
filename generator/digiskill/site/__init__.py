"""The site room: the MkDocs plugin and everything the built site carries.

It renders the catalog into pages (roles, units, groups, domains, the assessment), the navigation, the Thai search
index, the self-hosted font, QR codes, the CSP header file and the in-browser Python bundle (Pyodide, wheels, our
`core`). It may import `catalog`, `core` and the root modules; nothing
but `cli` imports it.
"""
