"""The guide's diagrams: one module per figure, drawn by build.py."""
