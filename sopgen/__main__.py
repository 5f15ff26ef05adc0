"""`python -m sopgen`, the same as the `sopgen` command."""

from .entry import main

main()
