"""Lint rules for the guide's notebooks (contract: CONTRIBUTING.md, "Notebooks").

Each rule takes a notebook (nbformat node) and returns a list of problems, empty when fine,
so test_nb_lint.py can run it on the real notebooks and on deliberately broken ones.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

import nbformat
import nblint_lessons
from nbharness import STANDIN_MARK

from scripts.build.markup import blocks
from scripts.notebooks.notebook_meta import cell_source, sources_sha256

SITE = "https://trainingnns.github.io/getting-started-with-neural-networks/"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
MAX_CODE_LINES = 25
MAX_EPOCHS = 200  # NumPy/tiny-model notebooks count epochs like the Playground does
UPPER = re.compile(r"^[A-Z][A-Z0-9_]*$")
EXERCISES = "## Try it yourself"
SECTIONS = ["## What you'll learn", "## Prerequisites", "## Summary", "## Next steps", EXERCISES]
MIN_EXERCISES, MAX_EXERCISES = 3, 5
# An absolute path on somebody's machine: a home or work folder, a temp folder, a venv's lib, C:\.
MACHINE_PATH = re.compile(
    r"(?<![\w.~/-])(?:/(?:home|Users|work|root|tmp|private|var/folders|opt|mnt|srv|usr/local|usr/lib)"
    r"/[^\s'\"<>]*|[A-Za-z]:\\\\?[^\s'\"<>]+)"
)
# "torch 2.13.0+cpu", "numpy==2.1.3", "Keras v3.13.2": a package name, then a version number.
VERSION = re.compile(
    r"\b(torch|pytorch|numpy|pandas|keras|optuna|scikit-learn|sklearn|scikit-image|skimage"
    r"|matplotlib|tensorboard|scipy|python)(?:\s+v?|==)(\d+\.\d+(?:\.\d+)?(?:[+.][\w.]+)?)",
    re.I,
)
VERSION_ALIASES = {"pytorch": "torch", "sklearn": "scikit-learn", "skimage": "scikit-image"}
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
    return [line for _, line in blocks.prose_lines(markdown)]


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
    full_run = nb.metadata.get("guide", {}).get("run", {}).get("mode") == "full"
    if data == "download" and not full_run:
        stray = [i for i, c in enumerate(cells, 1) if c.outputs or c.execution_count is not None]
        return (
            [
                f"download notebooks are stored without outputs, unless a full run made them "
                f"(`make notebooks-full`); clear code cells {stray}"
            ]
            if stray
            else []
        )
    if data not in ("package", "download"):
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


def output_texts(nb):
    """(code cell number, text) for every text an output shows: streams, results, tracebacks."""
    for number, cell in enumerate(code_cells(nb), start=1):
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + list(output.get("traceback", []))
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    texts.append(value if isinstance(value, str) else "".join(map(str, value)))
            for text in texts:
                if text:
                    yield number, text if isinstance(text, str) else "".join(text)


def check_no_stderr(nb) -> list[str]:
    """A warning stored on the page is noise at best, and it often shows a machine's paths."""
    cells = [
        number for number, cell in enumerate(code_cells(nb), start=1)
        if any(o.get("output_type") == "stream" and o.get("name") == "stderr" for o in cell.outputs)
    ]  # fmt: skip
    return [f"code cells {cells} stored stderr output; fix its cause and rerun"] if cells else []


def check_no_machine_paths(nb) -> list[str]:
    for number, text in output_texts(nb):
        if match := MACHINE_PATH.search(text):
            return [f"code cell {number}: an output shows the absolute path {match.group(0)!r}"]
    return []


def check_versions(nb) -> list[str]:
    """Printed versions must be the ones metadata.guide.environment says made the outputs."""
    environment = nb.metadata.get("guide", {}).get("environment")
    has_outputs = any(c.outputs for c in code_cells(nb))
    if has_outputs and not environment:
        return ["stored outputs without metadata.guide.environment: run `make notebooks`"]
    recorded = dict((environment or {}).get("packages", {}))
    if environment and environment.get("python"):
        recorded["python"] = environment["python"]
    problems = []
    for number, text in output_texts(nb):
        for name, version in VERSION.findall(text):
            name = VERSION_ALIASES.get(name.lower(), name.lower())
            have = recorded.get(name)
            prefixes = (version + ".", version + "+")
            same = have is not None and (have == version or have.startswith(prefixes))
            if not same:
                problems.append(
                    f"code cell {number} prints {name} {version}, but metadata.guide.environment "
                    f"records {name} {have}: rerun `make notebooks` in the environment you mean"
                )
    return problems


def check_no_standin_outputs(nb) -> list[str]:
    """The test harness marks what a kernel made from stand-in data; it must never be stored."""
    marked = STANDIN_MARK in nb.metadata or any(
        STANDIN_MARK in o.get("metadata", {}) for c in code_cells(nb) for o in c.outputs
    )
    return ["outputs made on stand-in data (marked by the test harness): clear them"] * marked


def check_parameter_comments(nb) -> list[str]:
    """Every parameter says what it controls, in a comment on its line."""
    cells = tagged(nb, "parameters")
    if len(cells) != 1:
        return []
    text = "\n".join(
        "pass" if line.lstrip().startswith(("%", "!")) else line
        for line in source(cells[0]).splitlines()
    )
    comments = {
        token.start[0] for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT
    }  # fmt: skip
    return [
        f"parameters line {statement.lineno}: add a comment saying what it controls"
        for statement in python_ast(cells[0]).body
        if not comments & set(range(statement.lineno, statement.end_lineno + 1))
    ]


def check_runtime_defaults(nb) -> list[str]:
    """`def f(epochs=EPOCHS)` freezes the value at definition: a later edit of the parameters
    cell would be silently ignored. Default to None and read the parameter in the body."""
    cells = tagged(nb, "parameters")
    if len(cells) != 1:
        return []
    names = {
        s.targets[0].id for s in python_ast(cells[0]).body
        if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name)
    }  # fmt: skip
    problems = []
    for number, cell in enumerate(code_cells(nb), start=1):
        for node in ast.walk(python_ast(cell)):
            if not isinstance(node, ast.FunctionDef | ast.Lambda):
                continue
            defaults = node.args.defaults + [d for d in node.args.kw_defaults if d is not None]
            used = sorted({n.id for d in defaults for n in ast.walk(d) if isinstance(n, ast.Name)})
            if bad := [n for n in used if n in names]:
                problems.append(
                    f"code cell {number}: a default of {getattr(node, 'name', 'lambda')}() reads "
                    f"{bad} when it is defined; default to None and read it in the body"
                )
    return problems


def check_exercises(nb) -> list[str]:
    """"Try it yourself": 3-5 exercises, each a '### ' cell with a Hint and a Solution details
    block; the solution holds Python for the tests to run; one exercise asks for a prediction."""
    start = markdown_index(nb, EXERCISES)
    if start is None:
        return []  # check_structure reports the missing section
    exercises, problems = [], []
    for cell in nb.cells[start + 1:]:
        text = source(cell)
        if cell.cell_type == "markdown" and text.startswith("## "):
            found = text.splitlines()[0]
            problems.append(f"'{EXERCISES}' must be the last section; found {found!r}")
            break
        if cell.cell_type == "markdown" and text.startswith("### "):
            exercises.append(text)
    if not MIN_EXERCISES <= len(exercises) <= MAX_EXERCISES:
        problems.append(
            f"'{EXERCISES}' needs {MIN_EXERCISES} to {MAX_EXERCISES} exercises ('### ' cells), "
            f"found {len(exercises)}"
        )
    for text in exercises:
        title = text.splitlines()[0]
        for part in ("Hint", "Solution"):
            if not re.search(rf"<details>\s*<summary>\s*{part}\s*</summary>", text, re.I):
                problems.append(f"{title}: needs a collapsible <details><summary>{part}</summary>")
        solution = re.search(r"<summary>\s*Solution\s*</summary>(.*?)</details>", text, re.S | re.I)
        if solution and "```python" not in solution.group(1):
            problems.append(f"{title}: the solution needs a ```python block the tests can run")
    if exercises and not any("predict" in text.lower() for text in exercises):
        problems.append("one exercise must ask the reader to predict the outcome before running it")
    return problems


RULES += [
    check_no_stderr, check_no_machine_paths, check_versions, check_no_standin_outputs,
    check_parameter_comments, check_runtime_defaults, check_exercises,
]  # fmt: skip
RULES += nblint_lessons.RULES  # callbacks, the test set, GPU advice, numbers in prose
