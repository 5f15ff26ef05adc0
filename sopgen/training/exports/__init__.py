"""Exports for learning-management systems: quiz questions (GIFT, Aiken) and SCORM 1.2 packages."""
