"""Word lists used by the wording rules, as data."""
