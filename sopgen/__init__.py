"""sopgen: validate, lint and render standard operating procedures for guest service."""

__version__ = "0.1.0"
