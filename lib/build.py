"""Build the book: check the data, execute the notebooks with papermill, compile HTML and PDF.

Run ``python -m lib.build --help``. The README's ``make book`` calls ``python -m lib.build book``.

Notebook runs are listed in ``notebooks/runs.yml``. Each run is executed from its Jupytext
source into ``<build>/executed/<id>.ipynb`` and skipped when its cache key is unchanged. The key
covers the notebook text, its parameters, the registry checksums, the project's library code
and committed data tables, and the keys of every earlier run, because later notebooks read
tables that earlier ones write.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lib import paths

logger = logging.getLogger("lib.build")


class BuildError(RuntimeError):
    """A build step that failed."""


@dataclass(frozen=True)
class NotebookRun:
    """One execution of a notebook source with a set of papermill parameters."""

    id: str
    notebook: str
    parameters: dict = field(default_factory=dict)

    @property
    def source(self) -> Path:
        return paths.NOTEBOOK_DIR / f"{self.notebook}.py"

    @property
    def executed(self) -> Path:
        return paths.EXECUTED_DIR / f"{self.id}.ipynb"


def load_runs(runs_file: Path | None = None) -> list[NotebookRun]:
    """Read the ordered list of notebook runs from ``notebooks/runs.yml`` or ``runs_file``."""
    runs_file = paths.NOTEBOOK_RUNS_YML if runs_file is None else runs_file
    with open(runs_file, encoding="utf-8") as handle:
        content = yaml.safe_load(handle)
    entries = content.get("runs") if isinstance(content, dict) else None
    if not isinstance(entries, list) or not entries:
        raise BuildError(f"Invalid run list {runs_file}: it needs a non-empty list under the key 'runs'.")
    runs = []
    for entry in entries:
        notebook = entry["notebook"]
        run = NotebookRun(id=entry.get("id", notebook), notebook=notebook, parameters=entry.get("parameters", {}) or {})
        if not run.source.is_file():
            raise BuildError(f"Run {run.id!r} in {runs_file} names notebook {notebook!r}, but {run.source} does not exist.")
        runs.append(run)
    ids = [run.id for run in runs]
    duplicates = sorted({run_id for run_id in ids if ids.count(run_id) > 1})
    if duplicates:
        raise BuildError(f"Duplicate run ids in {runs_file}: {duplicates}. Give each run a unique 'id'.")
    return runs


def _hash_files(digest, files) -> None:
    for file in sorted(files):
        digest.update(str(file.relative_to(paths.PROJECT_ROOT)).encode())
        digest.update(file.read_bytes())


def shared_inputs_digest() -> str:
    """Hash what every run depends on: registry, library code, committed data, requirements."""
    digest = hashlib.sha256()
    _hash_files(digest, paths.LIB_DIR.rglob("*.py"))
    _hash_files(digest, [paths.DATA_REGISTRY_YML, paths.PROJECT_ROOT / "requirements.txt"])
    _hash_files(digest, (file for file in paths.DATA_DIR.rglob("*") if file.is_file()))
    return digest.hexdigest()


def run_key(run: NotebookRun, shared_digest: str, previous_key: str) -> str:
    """Return the cache key of one run."""
    digest = hashlib.sha256()
    digest.update(run.source.read_bytes())
    digest.update(json.dumps(run.parameters, sort_keys=True).encode())
    digest.update(shared_digest.encode())
    digest.update(previous_key.encode())
    return digest.hexdigest()


def check_data(mirror: Path | None) -> None:
    """Fetch and verify every registered raw input, stopping at the first problem."""
    from lib import registry

    sources = registry.load_registry()
    logger.info("Checking %d raw inputs (mirror: %s)", len(sources), mirror or paths.default_mirror())
    for key in sources:
        registry.fetch(key, mirror=mirror)
    logger.info("All raw inputs present with the registered SHA-256")


def execute_run(run: NotebookRun, extra_parameters: dict | None = None, output: Path | None = None) -> Path:
    """Convert ``run``'s Jupytext source to a notebook and execute it with papermill."""
    import jupytext
    import papermill

    output = run.executed if output is None else output
    output.parent.mkdir(parents=True, exist_ok=True)
    unexecuted = paths.BUILD_DIR / "notebooks" / f"{run.notebook}.ipynb"
    unexecuted.parent.mkdir(parents=True, exist_ok=True)
    notebook = jupytext.read(run.source)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    jupytext.write(notebook, unexecuted)

    parameters = {**run.parameters, **(extra_parameters or {})}
    check_parameters(run, parameters, papermill.inspect_notebook(str(unexecuted)))
    logger.info("Executing %s -> %s with parameters %s", run.source.name, output, parameters)
    python_path = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if str(paths.PROJECT_ROOT) not in python_path:  # the kernel inherits it and can import lib
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(paths.PROJECT_ROOT), *python_path]))
    try:
        papermill.execute_notebook(
            str(unexecuted),
            str(output),
            parameters=parameters,
            kernel_name="python3",
            cwd=str(paths.PROJECT_ROOT),
            progress_bar=sys.stderr.isatty(),
            log_output=False,
            request_save_on_cell_execute=False,
        )
    except papermill.PapermillExecutionError as error:
        last_line = str(error.evalue).strip().splitlines()[-1] if str(error.evalue).strip() else ""
        raise BuildError(
            f"Run {run.id!r} failed in cell [{error.exec_count}] with {error.ename}: {last_line} "
            f"The executed notebook, with the full traceback, is {output}."
        ) from None
    _strip_volatile_metadata(output)
    return output


def _default_type(default: str):
    try:
        value = ast.literal_eval(default)
    except (ValueError, SyntaxError):
        return None  # an expression such as a constant from lib; its type is not checked
    return None if value is None else type(value)


def check_parameters(run: NotebookRun, parameters: dict, declared: dict) -> None:
    """Raise :class:`BuildError` for a parameter the notebook does not declare or of another type.

    ``declared`` is what :func:`papermill.inspect_notebook` returns. A value must have the
    type of the declared default: a whole number passes for a float, nothing else is converted.
    """
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise BuildError(
            f"Unknown parameter(s) {unknown} for notebook {run.notebook!r} (run {run.id!r}). Its parameters cell "
            f"declares: {', '.join(sorted(declared)) or 'none'}."
        )
    for name, value in parameters.items():
        expected = _default_type(declared[name]["default"])
        if expected is None:
            continue
        matches = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            matches = True
        if not matches:
            raise BuildError(
                f"Invalid value {value!r} for parameter {name!r} of run {run.id!r}: expected {expected.__name__} "
                f"like the default {declared[name]['default']}."
            )


def execute_custom_run(run: NotebookRun, parameters: dict, output: Path | None = None) -> Path:
    """Execute ``run`` with other parameters in ``<build>/custom/<id>``, leaving the book's build untouched.

    The run reads the tables of earlier runs from a copy of the book's tables and writes its
    own tables and results beside it, so a later ``make book`` neither shows nor reuses them.
    """
    folder = paths.BUILD_DIR / "custom" / run.id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if paths.TABLES_DIR.is_dir():
        shutil.copytree(paths.TABLES_DIR, folder / "tables")
    if paths.RESULTS_DIR.is_dir():  # a report such as the reproduction page reads earlier results
        shutil.copytree(paths.RESULTS_DIR, folder / "results")
    else:
        logger.warning(
            "No tables from a book build in %s: a run that reads earlier runs' tables will fail. Run `make book` first.",
            paths.TABLES_DIR,
        )
    output = folder / f"{run.id}.ipynb" if output is None else output
    previous = os.environ.get("ITUBOOK_BUILD_DIR")
    os.environ["ITUBOOK_BUILD_DIR"] = str(folder)  # read by lib.paths in the kernel
    try:
        return execute_run(run, parameters, output=output)
    finally:
        if previous is None:
            os.environ.pop("ITUBOOK_BUILD_DIR", None)
        else:
            os.environ["ITUBOOK_BUILD_DIR"] = previous


PROGRESS_BAR_PATTERN = re.compile(r"(it/s|s/it)\]|\d+%\|")
MEMORY_ADDRESS_PATTERN = re.compile(r" at 0x[0-9a-f]+>")


def _strip_volatile_metadata(notebook_file: Path) -> None:
    """Remove timestamps, durations and progress bars so identical runs give identical files."""
    import nbformat

    notebook = nbformat.read(notebook_file, as_version=4)
    for volatile in ("start_time", "end_time", "duration", "input_path", "output_path"):
        notebook.metadata.get("papermill", {}).pop(volatile, None)
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"  # nbformat draws random ids when jupytext and papermill create cells
        cell.metadata.pop("execution", None)
        papermill_cell = cell.metadata.get("papermill")
        if papermill_cell:
            for volatile in ("start_time", "end_time", "duration", "status", "exception"):
                papermill_cell.pop(volatile, None)
        if cell.cell_type == "code":
            for output in cell.outputs:  # reprs such as "<Styler at 0x7f...>" differ on every run
                plain = output.get("data", {}).get("text/plain")
                if isinstance(plain, str):
                    output["data"]["text/plain"] = MEMORY_ADDRESS_PATTERN.sub(">", plain)
            cell.outputs = [
                output
                for output in cell.outputs
                if not (output.get("output_type") == "stream" and output.get("name") == "stderr"
                        and PROGRESS_BAR_PATTERN.search(output.get("text", "")))
            ]
    nbformat.write(notebook, notebook_file)


def execute_all(force: bool = False, runs_file: Path | None = None) -> int:
    """Execute every run whose cache key changed, in the order of ``runs.yml``.

    Returns the number of runs executed.
    """
    runs = load_runs(runs_file)
    shared_digest = shared_inputs_digest()
    # Build matplotlib's font cache now, or the first notebook that plots prints a notice
    # that the next build would not print.
    import matplotlib.font_manager  # noqa: F401

    previous_key = ""
    executed = 0
    for run in runs:
        key = run_key(run, shared_digest, previous_key)
        key_file = paths.CACHE_DIR / f"{run.id}.key"
        if not force and run.executed.is_file() and key_file.is_file() and key_file.read_text() == key:
            logger.info("Skipping %s: unchanged since the last build", run.id)
        else:
            started = time.monotonic()
            key_file.unlink(missing_ok=True)
            execute_run(run)
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(key)
            executed += 1
            logger.info("Executed %s in %.1f s", run.id, time.monotonic() - started)
        previous_key = key
    logger.info("Notebook runs: %d executed, %d reused from the cache", executed, len(runs) - executed)
    return executed


def stage_book() -> Path:
    """Lay out the book's sources in ``<build>/stage``: config, pages, executed notebooks, tables."""
    stage = paths.STAGE_DIR
    for folder in ("book", "notebooks", "tables", "_static", "_mathjax"):
        shutil.rmtree(stage / folder, ignore_errors=True)
    stage.mkdir(parents=True, exist_ok=True)
    for name in ("_config.yml", "_toc.yml", "CITATION.cff"):
        if (paths.PROJECT_ROOT / name).is_file():
            shutil.copy2(paths.PROJECT_ROOT / name, stage / name)
    shutil.copytree(paths.BOOK_PAGES_DIR, stage / "book")
    shutil.copytree(paths.EXECUTED_DIR, stage / "notebooks")
    if paths.TABLES_DIR.is_dir():
        shutil.copytree(paths.TABLES_DIR, stage / "tables")
    _stage_mathjax(stage / "_mathjax" / "mathjax")
    logger.info("Staged the book sources in %s", stage)
    return stage


# The parts of MathJax 3's es5 folder that tex-chtml.js loads. They are staged outside
# `_static` because Jupyter Book 1 adds every .js file under `_static` to every page.
MATHJAX_PARTS = ("tex-chtml.js", "input", "output/chtml", "ui", "a11y", "sre")


def _stage_mathjax(target: Path) -> None:
    mathjax = _find_mathjax()
    for part in MATHJAX_PARTS:
        source = mathjax / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)


def _find_mathjax() -> Path:
    mathjax = paths.MATHJAX_DIR
    if not (mathjax / "tex-chtml.js").is_file():
        raise BuildError(
            f"MathJax not found at {mathjax}/tex-chtml.js. Run `make setup`, which installs the "
            "npm package mathjax, so formulas render without a network."
        )
    return mathjax


def _jupyter_book(stage: Path, builder: str) -> None:
    command = [
        str(Path(sys.executable).parent / "jupyter-book"), "build", str(stage),
        "--builder", builder, "-W", "-n", "--keep-going",
    ]
    logger.info("Running %s", " ".join(command))
    completed = subprocess.run(command, cwd=paths.PROJECT_ROOT)
    if completed.returncode != 0:
        raise BuildError(f"jupyter-book build --builder {builder} failed (exit code {completed.returncode}); see the log above.")


def build_html(stage: Path) -> Path:
    """Compile the staged book to HTML, treating Sphinx warnings as errors."""
    _jupyter_book(stage, "html")
    index = paths.HTML_DIR / "index.html"
    logger.info("HTML site: %s", index)
    return index


def build_pdf(stage: Path) -> Path:
    """Compile the staged book to PDF with XeLaTeX."""
    shutil.rmtree(paths.LATEX_DIR, ignore_errors=True)  # a failed earlier run leaves files that break latexmk
    _jupyter_book(stage, "pdflatex")
    pdfs = sorted(paths.LATEX_DIR.glob("*.pdf"))
    if not pdfs:
        raise BuildError(f"The PDF build ended without a PDF in {paths.LATEX_DIR}.")
    logger.info("PDF: %s", pdfs[0])
    return pdfs[0]


def _parse_parameters(pairs: list[list[str]]) -> dict:
    parameters = {}
    for name, text in pairs:
        try:
            parameters[name] = yaml.safe_load(text)
        except yaml.YAMLError:
            parameters[name] = text
    return parameters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.build", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data-mirror", type=Path, default=None,
        help="folder with the raw inputs under their registry paths (default: $ITUBOOK_DATA_MIRROR or ../shared/data/raw)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    book = commands.add_parser("book", help="check data, execute notebooks, build HTML and PDF")
    book.add_argument("--force", action="store_true", help="execute every notebook even when its cache key is unchanged")
    book.add_argument("--skip-pdf", action="store_true", help="build the HTML site only")

    commands.add_parser("data", help="check that every raw input is present with the registered checksum")
    commands.add_parser("execute", help="execute the notebooks whose inputs changed, without compiling the book")

    single = commands.add_parser("notebook", help="execute one run of notebooks/runs.yml, optionally with other parameters")
    single.add_argument("run_id", help="run id from notebooks/runs.yml, for example eurepoc_models")
    single.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="papermill parameter; VALUE is read as YAML, so 3 is a number and '[1, 2]' a list")
    single.add_argument("--output", type=Path, default=None,
                        help="executed notebook to write (default: <build>/custom/<run_id>/<run_id>.ipynb)")

    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    if arguments.data_mirror is not None:
        os.environ["ITUBOOK_DATA_MIRROR"] = str(arguments.data_mirror.resolve())
    # Sphinx and XeTeX date the book from SOURCE_DATE_EPOCH; by default, the release date.
    from lib.archive import release_epoch

    os.environ.setdefault("SOURCE_DATE_EPOCH", str(release_epoch()))

    from lib.registry import DataError

    try:
        if arguments.command == "data":
            check_data(arguments.data_mirror)
        elif arguments.command == "execute":
            check_data(arguments.data_mirror)
            execute_all()
        elif arguments.command == "notebook":
            runs = {run.id: run for run in load_runs()}
            if arguments.run_id not in runs:
                raise BuildError(f"Unknown run id {arguments.run_id!r}. Known runs: {', '.join(runs)}.")
            earlier = list(runs)[: list(runs).index(arguments.run_id)]
            not_built = [run_id for run_id in earlier if not runs[run_id].executed.is_file()]
            if not_built:
                raise BuildError(
                    f"Run {arguments.run_id!r} may read tables written by earlier runs that have not been "
                    f"executed in {paths.BUILD_DIR}: {', '.join(not_built)}. Build the book first (make book)."
                )
            output = execute_custom_run(runs[arguments.run_id], _parse_parameters(arguments.parameter), arguments.output)
            logger.info("Executed notebook: %s (its tables and results are in %s)", output, output.parent)
        else:
            started = time.monotonic()
            check_data(arguments.data_mirror)
            execute_all(force=arguments.force)
            stage = stage_book()
            index = build_html(stage)
            pdf = None if arguments.skip_pdf else build_pdf(stage)
            logger.info("Build finished in %.0f s", time.monotonic() - started)
            print(f"HTML: {index}")
            if pdf is not None:
                print(f"PDF:  {pdf}")
    except (BuildError, DataError) as error:
        logger.error("%s", error)
        return 1

    return 0


if __name__ == "__main__":
    sys.exit(main())
