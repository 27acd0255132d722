"""kuntasopimus: YAML descriptions of Finnish inter-municipal cooperation → draft agreements.

Pipeline stages, one sub-package each: ``load`` (YAML with positions), ``check`` (schema and
cross-file findings), ``model`` (typed facts and computations), ``compose`` (clause templates →
document tree), ``write`` (tree → .docx, manifest).
"""

__version__ = "0.1.0"
