"""``kuntasopimus serve``: the administration chief's workbench, a local web editor for one case.

The shell's outermost layer: it reads and writes only the case folder and the output folder
(``workspace``), edits YAML without losing comments (``yamledit``), shows schema-driven forms
(``forms``), checks and previews as the user types (``live``, through ``validate`` and the HTML
writer), builds and zips outputs (``outputs``), compares with a saved version or a git revision
(``compare``) and starts a new case from a few answers (``guided``). ``app`` holds the routes and
the guards; ``server`` runs it on 127.0.0.1.
"""
