"""Time budgets: how long each resource takes, summed per section and per suggested path.

A resource line on a section page ends with its duration, in one of three forms that read as
plain English and parse without guessing:

    - [@article@Understanding LSTM networks](https://colah.github.io/...): the classic
      illustrated explanation. About 30 minutes.
    ... About 2 hours.
    ... About 1 hour 30 minutes.

A link to one of the guide's notebooks has no duration typed: it comes from the notebook's
metadata (``metadata.guide.colab_minutes``) and the build adds it to the line. A section
states its total where the page has ``<!-- time-budget -->``; a suggested path on the home
page does the same with the sections and notebooks its list links, each counted once. A link
the path calls optional carries ``{ .optional }`` (``[Math background](math-background.md){
.optional }``): its time is stated apart, "plus about 8 hours for Math background if you need
it", never folded into the path's total.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from scripts.build import typed_links
from scripts.build.markup import blocks
from scripts.build.problems import LineProblem

MARKER = "<!-- time-budget -->"
BULLET = re.compile(r"^\s*[-*] ")  # a resource line: a list item that starts with a typed link
DURATION = re.compile(
    r"\bAbout (?:(?P<hours>\d+) hours?(?: (?P<hm>\d+) minutes)?|(?P<minutes>\d+) minutes)\.$"
)
LOOSE_DURATION = re.compile(r"\babout\b[^.]*\b(minutes?|hours?|min|h|day|days)\b\.?\s*$", re.I)
NOTEBOOK_URL = re.compile(r"(?:^|/)notebooks/(?P<name>[\w.-]+\.ipynb)(?:#.*)?$")
LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]*)\)(?P<attrs>\{[^}\n]*\})?")
OPTIONAL_CLASS = re.compile(r"(?:^|\s)\.optional(?:\s|\})")
HEADING = re.compile(r"^#{1,6}\s")
GROUP = re.compile(r"^#{3,6}\s+(?P<name>.*?)\s*#*\s*$")
CORE_GROUP = "Start here"
# A learner's pace for the week ranges of the suggested paths.
HOURS_PER_WEEK = (5, 7)
DURATION_HINT = (
    "End the line with 'About 20 minutes.', 'About 2 hours.' or 'About 1 hour 30 minutes.'"
)


@dataclass(frozen=True)
class Resource:
    line: int
    url: str
    title: str
    minutes: int
    notebook: str | None = None  # file name when the duration comes from notebook metadata
    group: str = ""  # the ### heading the resource is listed under


def parse_duration(text: str) -> int | None:
    """Minutes stated at the end of a resource line, or None."""
    match = DURATION.search(text.rstrip())
    if not match:
        return None
    if match["minutes"]:
        return int(match["minutes"])
    return int(match["hours"]) * 60 + int(match["hm"] or 0)


def notebook_name(url: str) -> str | None:
    match = NOTEBOOK_URL.search(url) if "://" not in url else None
    return match["name"] if match else None


def resource_link(line: str, number: int) -> typed_links.TypedLink | None:
    """The typed link a resource line starts with ("- [@video@...](...)..."), else None."""
    bullet = BULLET.match(line)
    links = typed_links.links_in_line(line, number) if bullet else []
    return links[0] if links and links[0].start == bullet.end() else None


def parse_resources(markdown: str, notebooks: dict[str, int],
                    first_line: int = 1) -> tuple[list[Resource], list[LineProblem]]:
    """Every typed link of a page with its duration; an error for each one without.

    ``notebooks`` maps a notebook's file name to its minutes from metadata.
    """
    resources: list[Resource] = []
    errors: list[LineProblem] = []
    group = ""
    for number, line in blocks.prose_lines(markdown, first_line):
        if heading := GROUP.match(line):
            group = heading["name"]
        elif HEADING.match(line):
            group = ""
        match = resource_link(line, number)
        if not match:
            continue
        title, rest = match.title, line[match.end:]
        typed = parse_duration(rest)
        name = notebook_name(match.url)
        if name is not None:
            if name not in notebooks:
                errors.append(LineProblem(number, f"notebook '{name}' has no duration: set "
                                          "metadata.guide.colab_minutes in the notebook."))
            elif typed is not None or LOOSE_DURATION.search(rest):
                errors.append(LineProblem(number, f"'{title}' is one of our notebooks: its time "
                                          "comes from its metadata (colab_minutes); remove the "
                                          "time typed on this line."))
            else:
                resources.append(Resource(number, match.url, title, notebooks[name], name,
                                          group))
            continue
        if typed is None:
            errors.append(LineProblem(number, f"resource '{title}' has no duration. "
                                      + DURATION_HINT))
        elif typed <= 0:
            errors.append(LineProblem(number, f"resource '{title}' has a zero duration. "
                                      + DURATION_HINT))
        else:
            resources.append(Resource(number, match.url, title, typed, None, group))
    return resources, errors


def with_notebook_durations(markdown: str, resources: list[Resource], first_line: int = 1) -> str:
    """Add 'About N minutes.' to each notebook line, so the reader sees the metadata's time."""
    lines = markdown.splitlines()
    for resource in resources:
        if resource.notebook is None:
            continue
        index = resource.line - first_line
        lines[index] = lines[index].rstrip() + " " + duration_sentence(resource.minutes)
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def duration_sentence(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"About {minutes} minutes."
    unit = "hour" if hours == 1 else "hours"
    return f"About {hours} {unit}." if not rest else f"About {hours} {unit} {rest} minutes."


def total_minutes(resources: list[Resource]) -> int:
    """The sum over distinct URLs, so a resource listed twice counts once."""
    seen: dict[str, int] = {}
    for resource in resources:
        seen.setdefault(resource.notebook or resource.url.split("#")[0], resource.minutes)
    return sum(seen.values())


def rounded_hours(minutes: int) -> str:
    """'about 40 minutes', 'about 1 hour', 'about 3 hours', 'about 2.5 hours'."""
    if minutes < 50:
        return f"about {max(5, 5 * round(minutes / 5))} minutes"
    hours = minutes / 60
    if hours < 4:
        half = round(hours * 2) / 2
        text = f"{half:g}"
        return f"about {text} hour{'' if half == 1 else 's'}"
    return f"about {round(hours)} hours"


def weeks_range(minutes: int, pace: tuple[int, int] = HOURS_PER_WEEK) -> str:
    """'over 6–8 weeks' at pace[0] to pace[1] hours a week."""
    hours = minutes / 60
    fast = max(1, math.ceil(hours / pace[1]))
    slow = max(1, math.ceil(hours / pace[0]))
    if slow == 1:
        return "in a week"
    if fast == slow:
        return f"over about {fast} weeks"
    return f"over {fast}\u2013{slow} weeks"


def core(resources: list[Resource]) -> list[Resource]:
    """What a section asks of a reader: its "Start here" group, or every resource without one."""
    start = [r for r in resources if r.group == CORE_GROUP]
    return start or list(resources)


def section_sentence(resources: list[Resource]) -> str:
    start, everything = total_minutes(core(resources)), total_minutes(resources)
    if start == everything:
        return (f'<p class="time-budget"><strong>Time:</strong> {rounded_hours(everything)} for '
                "the resources and notebooks on this page; each line says how long it takes.</p>")
    return (f'<p class="time-budget"><strong>Time:</strong> {rounded_hours(start)} for '
            f'"{CORE_GROUP}"; {rounded_hours(everything)} for everything on this page. Each '
            "line says how long it takes.</p>")


def path_sentence(minutes: int, pace: tuple[int, int] = HOURS_PER_WEEK,
                  optional: tuple[int, list[str]] | None = None) -> str:
    """The path's total; `optional` (minutes, link texts) is stated apart, after the total."""
    extra = ""
    if optional and optional[0] > 0:
        extra = (f", plus {rounded_hours(optional[0])} for {' and '.join(optional[1])} "
                 "if you need it")
    return (f'<p class="time-budget"><strong>Time:</strong> {rounded_hours(minutes)} '
            f"{weeks_range(minutes, pace)} at {pace[0]} to {pace[1]} hours a week "
            f'(each section\'s "{CORE_GROUP}" and the notebooks){extra}.</p>')


@dataclass(frozen=True)
class PathLink:
    url: str
    text: str
    optional: bool


def path_blocks(markdown: str) -> list[tuple[int, list[PathLink]]]:
    """For each time-budget marker, the links from it to the next heading."""
    lines = markdown.splitlines()
    found = []
    for index, line in enumerate(lines):
        if line.strip() != MARKER:
            continue
        links: list[PathLink] = []
        for after in lines[index + 1:]:
            if HEADING.match(after) or after.strip() == MARKER:
                break
            # A link within the page ("as described above") points at no time of its own.
            links += [PathLink(m["url"], m["text"], bool(OPTIONAL_CLASS.search(m["attrs"] or "")))
                      for m in LINK.finditer(after) if not m["url"].startswith("#")]
        found.append((index, links))
    return found


def path_minutes(urls: list[str], sections: dict[str, list[Resource]],
                 notebooks: dict[str, int]) -> tuple[int, list[str]]:
    """Minutes of a path (each resource once) and the link targets that have no time."""
    resources: list[Resource] = []
    unknown = []
    for url in urls:
        target = url.split("#")[0]
        name = notebook_name(target)
        if name is not None and name in notebooks:
            resources.append(Resource(0, target, name, notebooks[name], name))
        elif target in sections:
            resources += core(sections[target])
        else:
            unknown.append(url)
    return total_minutes(resources), unknown


class TimeBudgetError(ValueError):
    """A section or path without a computable time; the message names the file and line."""


def section_resources(pages: list[tuple[str, str]], notebooks: dict[str, int]
                      ) -> dict[str, list[Resource]]:
    """The timed resources of each section page ((src, source) pairs); fail on untimed ones."""
    sections, errors = {}, []
    for src, source in pages:
        resources, problems = parse_resources(source, notebooks)
        errors += [problem.format(f"docs/{src}") for problem in problems]
        sections[src] = resources
    if errors:
        raise TimeBudgetError("\n".join(errors))
    return sections


def section_page(markdown: str, src: str, notebooks: dict[str, int], first_line: int) -> str:
    """A section page with notebook durations added and its time sentence at the marker."""
    if MARKER not in markdown:
        raise TimeBudgetError(f"docs/{src}: add the line {MARKER} under the one-line promise; "
                              "the build writes the section's time there.")
    resources, _ = parse_resources(markdown, notebooks, first_line)
    markdown = with_notebook_durations(markdown, resources, first_line)
    return markdown.replace(MARKER, section_sentence(resources))


def home_page(markdown: str, src: str, sections: dict[str, list[Resource]],
              notebooks: dict[str, int], first_line: int) -> str:
    """The home page with each suggested path's total time at its marker."""
    lines = markdown.splitlines()
    for index, links in path_blocks(markdown):
        required = [link.url for link in links if not link.optional]
        optional = [link for link in links if link.optional]
        minutes, unknown = path_minutes(required, sections, notebooks)
        everything, unknown_optional = path_minutes(required + [o.url for o in optional],
                                                    sections, notebooks)
        if unknown or unknown_optional or not required:
            raise TimeBudgetError(
                f"docs/{src}:{index + first_line}: this path links "
                f"{', '.join(unknown + unknown_optional) or 'nothing it counts'}, which has no "
                "time budget; link section pages and notebooks only.")
        texts = list(dict.fromkeys(link.text for link in optional))
        lines[index] = path_sentence(minutes, optional=(everything - minutes, texts))
    return "\n".join(lines) + "\n"
