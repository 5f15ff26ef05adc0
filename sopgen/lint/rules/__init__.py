"""One module per rule: CODE, NAME, SEVERITY, KIND, MESSAGE, HINT, check(), and the docstring `sopgen explain` prints.

KIND says what check() reads and yields: "text" a sentence, "sop" an SOP, "config" an instruction with
the house phrases, "engine" the suppressions used, "objective" a learning objective (SOP1xx, run by
sopgen/lint); "library" an SOP with the whole library and "versions" an SOP against its previous
version (SOP2xx, run by sopgen/review/engine.py).
"""
