"""The notebooks' metadata, Colab's package set, and storing their outputs."""
