"""The guide's code, one folder per part:

- build/: the MkDocs hooks module (mkdocs_hooks.py) and the build steps it runs, in order;
  also the local build and server, the offline copy and the facts report.
- links/: the link checker (python -m scripts.links.check_links).
- notebooks/: notebook metadata, Colab's package set, storing notebook outputs.
- benchmarks/: build, test, link-check and notebook timings, page audits.
- figures/: the guide's diagrams, drawn to docs/images/figures/.
"""
