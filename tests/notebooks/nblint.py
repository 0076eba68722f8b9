"""Lint rules for the guide's notebooks (contract: /work/wt/NOTEBOOKS.md, "Structure").

Each rule takes a notebook (nbformat node) and returns a list of problems, empty when fine,
so test_nb_lint.py can run it on the real notebooks and on deliberately broken ones.
"""

from __future__ import annotations

import ast
import re

import nbformat
from notebook_meta import cell_source, sources_sha256

SITE = "https://trainingnns.github.io/getting-started-with-neural-networks/"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
MAX_CODE_LINES = 25
MAX_EPOCHS = 200  # NumPy/tiny-model notebooks count epochs like the Playground does
UPPER = re.compile(r"^[A-Z][A-Z0-9_]*$")
SECTIONS = ["## What you'll learn", "## Prerequisites", "## Summary", "## Next steps"]
PLACEHOLDER = "This notebook is being written."


def source(cell) -> str:
    return cell_source(cell)


def code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def tagged(nb, tag: str) -> list:
    return [c for c in code_cells(nb) if tag in c.metadata.get("tags", [])]


def is_pip_cell(cell) -> bool:
    lines = [line for line in source(cell).splitlines() if line.strip()]
    return bool(lines) and all(line.startswith("%pip install") for line in lines)


def python_ast(cell) -> ast.Module:
    """Parse a code cell, turning IPython magics and shell lines into `pass`."""
    lines = [
        "pass" if line.lstrip().startswith(("%", "!")) else line
        for line in source(cell).splitlines()
    ]
    return ast.parse("\n".join(lines))


def is_placeholder(nb) -> bool:
    return len(nb.cells) <= 2 and PLACEHOLDER in source(nb.cells[0])


def check_valid(nb) -> list[str]:
    # Checked first: nbformat only warns about missing ids (and may add them itself).
    if nb.nbformat_minor < 5 or any("id" not in c for c in nb.cells):
        return ["cells need ids (nbformat 4.5)"]
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        return [f"not nbformat-valid: {error.message}"]
    return []


def check_metadata(nb) -> list[str]:
    problems = []
    if nb.metadata.get("kernelspec") != KERNELSPEC:
        problems.append(f"kernelspec must be {KERNELSPEC}")
    guide = nb.metadata.get("guide", {})
    if not isinstance(guide.get("gpu_recommended"), bool):
        problems.append("metadata.guide.gpu_recommended must be true or false")
    if not isinstance(guide.get("colab_minutes"), int):
        problems.append("metadata.guide.colab_minutes must be a whole number")
    if guide.get("data") not in ("package", "download"):
        problems.append('metadata.guide.data must be "package" or "download"')
    if "widgets" in nb.metadata:
        problems.append("remove metadata.widgets (widget state)")
    return problems


def markdown_index(nb, heading: str) -> int | None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and any(
            line.strip() == heading for line in source(cell).splitlines()
        ):
            return index
    return None


def outside_fences(markdown: str) -> list[str]:
    """Markdown lines not inside ``` or ~~~ code blocks (a shell comment is not a title)."""
    lines, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def check_structure(nb) -> list[str]:
    first = source(nb.cells[0]) if nb.cells else ""
    problems = []
    if nb.cells[0].cell_type != "markdown" or not first.startswith("# "):
        problems.append("the first cell must be Markdown starting with '# Title'")
    elif "minute" not in first.lower() and "hour" not in first.lower():
        problems.append("the title cell must say how long the notebook takes")
    h1 = [
        line for c in nb.cells if c.cell_type == "markdown"
        for line in outside_fences(source(c)) if line.startswith("# ")
    ]  # fmt: skip
    if len(h1) != 1:
        problems.append(f"exactly one H1 title expected, found {len(h1)}")
    positions = [markdown_index(nb, heading) for heading in SECTIONS]
    problems += [
        f"missing section '{h}'" for h, p in zip(SECTIONS, positions, strict=True) if p is None
    ]
    found = [p for p in positions if p is not None]
    if found != sorted(found):
        problems.append(f"sections out of order; expected {SECTIONS}")
    for heading in ("## Prerequisites", "## Next steps"):
        index = markdown_index(nb, heading)
        if index is not None and f"]({SITE}" not in source(nb.cells[index]):
            problems.append(f"'{heading}' needs links to the guide as absolute URLs ({SITE}...)")
    return problems


def check_no_tex(nb) -> list[str]:
    """The site loads no MathJax (another origin), so $...$ would show as raw TeX."""
    for index, cell in enumerate(nb.cells, start=1):
        text = "\n".join(outside_fences(source(cell))) if cell.cell_type == "markdown" else ""
        if re.search(r"\$\$|\$[^$\s`](?:[^$\n`]*[^$\s`\\])?\$(?!\d)", re.sub(r"`[^`]*`", "", text)):
            return [
                f"cell {index}: TeX math ($...$) is not rendered on the site; use code or Unicode"
            ]
    return []


def check_setup_and_imports(nb) -> list[str]:
    setup = tagged(nb, "setup")
    if len(setup) != 1:
        return [f"exactly one code cell tagged 'setup' expected, found {len(setup)}"]
    problems = []
    for number, cell in enumerate(code_cells(nb), start=1):
        if cell is setup[0] or is_pip_cell(cell):
            continue
        imports = [
            n for n in ast.walk(python_ast(cell)) if isinstance(n, ast.Import | ast.ImportFrom)
        ]
        if imports:
            problems.append(
                f"code cell {number} imports outside the setup cell (line {imports[0].lineno})"
            )
    pip_cells = [c for c in code_cells(nb) if "%pip" in source(c)]
    if pip_cells and (pip_cells[0] is not code_cells(nb)[0] or len(pip_cells) > 1):
        problems.append("a %pip install cell must be the first code cell, and only one")
    return problems


def check_keras_backend(nb) -> list[str]:
    setup = tagged(nb, "setup")
    if len(setup) != 1 or "keras" not in source(setup[0]):
        return []
    text = source(setup[0])
    backend = text.find('os.environ.setdefault("KERAS_BACKEND"')
    keras = min(
        (m.start() for m in re.finditer(r"^(import keras|from keras)", text, re.M)), default=-1
    )
    if keras >= 0 and not 0 <= backend < keras:
        return ['os.environ.setdefault("KERAS_BACKEND", "torch") must come before import keras']
    return []


def check_parameters(nb) -> list[str]:
    cells = tagged(nb, "parameters")
    if len(cells) != 1:
        return [f"exactly one code cell tagged 'parameters' expected, found {len(cells)}"]
    problems, names = [], {}
    for statement in python_ast(cells[0]).body:
        target = statement.targets[0] if isinstance(statement, ast.Assign) else None
        if not (
            isinstance(target, ast.Name) and len(statement.targets) == 1 and UPPER.match(target.id)
        ):
            problems.append(
                f"parameters line {statement.lineno}: only UPPER_CASE = value assignments"
            )
            continue
        try:
            names[target.id] = ast.literal_eval(statement.value)
        except ValueError:
            problems.append(f"parameters line {statement.lineno}: {target.id} must be a literal")
    if "SEED" not in names:
        problems.append("the parameters cell must define SEED")
    epochs = names.get("EPOCHS")
    if epochs is not None and not (isinstance(epochs, int) and 0 < epochs <= MAX_EPOCHS):
        problems.append(f"EPOCHS must be a whole number from 1 to {MAX_EPOCHS}")
    setup = tagged(nb, "setup")
    if len(setup) == 1 and nb.cells.index(setup[0]) > nb.cells.index(cells[0]):
        problems.append("the setup cell must come before the parameters cell")
    return problems


def check_short_cells(nb) -> list[str]:
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = [line for line in source(cell).splitlines() if line.strip()]
        if len(lines) > MAX_CODE_LINES:
            problems.append(
                f"cell {index + 1} has {len(lines)} lines of code (max {MAX_CODE_LINES})"
            )
        if index == 0 or nb.cells[index - 1].cell_type != "markdown":
            problems.append(f"cell {index + 1}: explain each code cell in Markdown just before it")
    return problems


def check_outputs(nb) -> list[str]:
    data = nb.metadata.get("guide", {}).get("data")
    cells = code_cells(nb)
    if data == "download":
        stray = [i for i, c in enumerate(cells, 1) if c.outputs or c.execution_count is not None]
        return (
            [f"download notebooks are stored without outputs; clear code cells {stray}"]
            if stray
            else []
        )
    if data != "package":
        return []
    problems = []
    counts = [c.execution_count for c in cells]
    if counts != list(range(1, len(cells) + 1)):
        problems.append("stored outputs must come from one clean run (`make notebooks`)")
    if any(o.get("output_type") == "error" for c in cells for o in c.outputs):
        problems.append("stored outputs contain an error")
    if nb.metadata.get("guide", {}).get("sources_sha256") != sources_sha256(nb):
        problems.append("code changed after the outputs were made: run `make notebooks`")
    return problems


RULES = [
    check_valid, check_metadata, check_structure, check_no_tex, check_setup_and_imports,
    check_keras_backend, check_parameters, check_short_cells, check_outputs,
]  # fmt: skip
