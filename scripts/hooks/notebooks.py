"""MkDocs hook: publish the top-level notebooks/ folder as pages of the site.

mkdocs-jupyter only converts files that are already in the build, so this hook must add
the notebooks before the plugin's own on_files runs; otherwise they ship as raw .ipynb.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

NOTEBOOK_FOLDER = "notebooks"


def notebook_sources(project_root: Path) -> list[Path]:
    return sorted((project_root / NOTEBOOK_FOLDER).glob("*.ipynb"))


@event_priority(100)
def on_files(files, config):
    project_root = Path(config.config_file_path).parent
    for source in notebook_sources(project_root):
        files.append(
            File(
                f"{NOTEBOOK_FOLDER}/{source.name}",
                src_dir=str(project_root),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
        )
    return files
