"""`python -m sleuth.cli`."""

from sleuth.cli import main

main()
