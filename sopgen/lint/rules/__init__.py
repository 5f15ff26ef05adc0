"""One module per wording rule: CODE, NAME, SEVERITY, KIND, MESSAGE, HINT and check()."""
