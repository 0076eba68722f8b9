"""Lint rules that keep each lesson right, not just well formed (issue 22's review found these).

Like the rules in nblint.py, each takes a notebook and returns a list of problems, empty when fine.
The code rules read the notebook's code cells and then its exercise solutions, in the order a
reader runs them (a solution is pasted at the end of a full run).
"""

from __future__ import annotations

import ast
import re

from nbharness import exercise_solutions

from scripts.notebooks.notebook_meta import cell_source

# Calls that take a training step or run a training loop.
TRAINING_CALLS = {"backward", "fit", "train_on_batch", "sgd_step", "step"}
# A name that holds the test set or a test score: X_test, test_loader, test_losses.
TEST_NAME = re.compile(r"(^|_)test($|_)", re.I)
# Colab's instructions for switching to a GPU.
GPU_SWITCH = re.compile(r"change runtime type|hardware accelerator", re.I)
# A GPU model named in an instruction: which models a service offers changes over time.
GPU_MODEL = re.compile(r"\b(?:T4|L4|P100|V100|A100|H100|K80)\b")
# Keras's names for layers that PyTorch spells differently (nn.Conv2d, nn.Linear, nn.MaxPool2d).
KERAS_LAYER = re.compile(
    r"`(?:layers\.|keras\.layers\.)?(Conv[123]D|Dense|MaxPooling[123]D)\b[^`]*`"
)
# A measured value typed into prose: at least two decimals, as printed results have.
DECIMAL = re.compile(r"(?<![\w.])\d+\.\d{2,}(?!\w|\.\d)")


def parse(code: str) -> ast.Module | None:
    """A cell's code with IPython magics and shell lines turned into `pass`; None if broken."""
    lines = ["pass" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None  # nblint's other checks and ruff report broken code


def programs(nb) -> list[tuple[str, ast.Module]]:
    """(where, parsed code) for each code cell, then each exercise solution."""
    code = [
        (f"code cell {n}", cell_source(c))
        for n, c in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1)
    ]
    code += [(f"the solution of {title!r}", text) for title, text in exercise_solutions(nb)]
    return [(where, tree) for where, text in code if (tree := parse(text)) is not None]


def call_name(node: ast.Call) -> str:
    function = node.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def callback_names(call: ast.Call) -> list[str]:
    """Names passed in `callbacks=`: `[stop_early]` gives stop_early, `callbacks=cbs` gives cbs."""
    for keyword in call.keywords:
        if keyword.arg == "callbacks":
            value = keyword.value
            items = value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
            return [item.id for item in items if isinstance(item, ast.Name)]
    return []


class CallbackUse(ast.NodeVisitor):
    """Walks code in execution order; a callback name is fresh again only once reassigned."""

    def __init__(self) -> None:
        self.used: dict[str, str] = {}  # callback name -> where a fit first used it
        self.loop_bound: list[set[str]] = []  # names assigned inside each enclosing loop
        self.where = ""
        self.problems: list[str] = []

    def bind(self, target: ast.AST) -> None:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                self.used.pop(node.id, None)

    def visit_Assign(self, node: ast.Assign) -> None:
        self.visit(node.value)  # the value runs before the names are bound
        for target in node.targets:
            self.bind(target)

    def visit_loop(self, node: ast.For | ast.While) -> None:
        bound = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)
                 and isinstance(n.ctx, ast.Store)}  # fmt: skip
        self.loop_bound.append(bound)
        self.generic_visit(node)
        self.loop_bound.pop()

    visit_For = visit_While = visit_loop

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        if call_name(node) != "fit":
            return
        for name in callback_names(node):
            if name in self.used:
                self.problems.append(
                    f"{self.where}: fit reuses the callback {name!r} that {self.used[name]} "
                    "already used; Keras callbacks keep state (EarlyStopping keeps `best`), "
                    "so create a fresh one for each fit"
                )
            elif self.loop_bound and name not in self.loop_bound[-1]:
                self.problems.append(
                    f"{self.where}: fit inside a loop reuses the callback {name!r} on every "
                    "pass; create it inside the loop"
                )
            self.used[name] = f"a fit in {self.where}"


def check_fresh_callbacks(nb) -> list[str]:
    """One Keras callback object passed to two fits carries the first fit's state into the
    second: a reused EarlyStopping stops the second model early, at the wrong weights."""
    visitor = CallbackUse()
    for where, tree in programs(nb):
        visitor.where = where
        visitor.visit(tree)
    return visitor.problems


def trains(loop: ast.For | ast.While) -> bool:
    return any(
        isinstance(node, ast.Call) and call_name(node) in TRAINING_CALLS for node in ast.walk(loop)
    )


def check_no_test_in_training_loop(nb) -> list[str]:
    """The test set is scored once, after training. A loop that trains and also reads the test
    set watches it while training goes on, which is what a validation set is for."""
    problems = []
    for where, tree in programs(nb):
        for loop in ast.walk(tree):
            if not isinstance(loop, ast.For | ast.While) or not trains(loop):
                continue
            names = sorted({n.id for n in ast.walk(loop) if isinstance(n, ast.Name)
                            and TEST_NAME.search(n.id)})  # fmt: skip
            if names:
                problems.append(
                    f"{where}: the training loop on line {loop.lineno} reads {names}; watch a "
                    "validation split during training and score the test set once, afterwards"
                )
    return problems


def markdown(nb) -> str:
    return "\n\n".join(cell_source(c) for c in nb.cells if c.cell_type == "markdown")


def check_gpu_advice(nb) -> list[str]:
    """The Verified badge says "no GPU needed" from metadata.guide.gpu_recommended, so a notebook
    that walks the reader through switching to a GPU must set it; and it names no GPU model."""
    text, problems = markdown(nb), []
    recommended = nb.metadata.get("guide", {}).get("gpu_recommended")
    if GPU_SWITCH.search(text) and recommended is not True:
        problems.append(
            "the text tells the reader how to switch to a GPU runtime, but "
            "metadata.guide.gpu_recommended is not true, so the badge says no GPU is needed"
        )
    if model := GPU_MODEL.search(text):
        problems.append(
            f"the text names the GPU model {model.group(0)!r}; which models Colab offers "
            "changes, so say 'a GPU runtime'"
        )
    return problems


def check_no_typed_outputs(nb) -> list[str]:
    """A number copied from an output into the prose goes stale at the next run: print it from
    code, or word the prose so that it holds. (A setting written in the code may be repeated.)"""
    code = "\n".join(cell_source(c) for c in nb.cells if c.cell_type == "code")
    shown = set()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + list(output.get("data", {}).values())
            shown |= {n for t in texts if isinstance(t, str | list)
                      for n in DECIMAL.findall("".join(t))}  # fmt: skip
    shown -= set(DECIMAL.findall(code))
    typed = sorted({n for n in DECIMAL.findall(markdown(nb)) if n in shown})
    if typed:
        return [
            f"the Markdown repeats numbers from the stored outputs: {typed}; print them "
            "from code or word the text so that it holds after a rerun"
        ]
    return []


def check_framework_names(nb) -> list[str]:
    """A notebook that uses PyTorch without Keras names PyTorch's layers: `nn.Conv2d`, not
    `Conv2D`, which the reader would look for in the wrong library."""
    code = "\n".join(cell_source(c) for c in nb.cells if c.cell_type == "code")
    if re.search(r"^\s*(import keras|from keras)", code, re.M):
        return []
    names = sorted(set(KERAS_LAYER.findall(markdown(nb))))
    return [f"the text names Keras layers {names} in a PyTorch notebook; use nn.* names"] * bool(
        names
    )


RULES = [
    check_fresh_callbacks, check_no_test_in_training_loop, check_gpu_advice,
    check_no_typed_outputs, check_framework_names,
]  # fmt: skip
