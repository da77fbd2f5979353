"""Every parameter that notebooks/runs.yml passes to a run is declared in that notebook's parameters cell.

papermill only logs a warning for an undeclared parameter and injects it anyway, so a typo such
as ``countri`` would leave the notebook running on its default value.
"""

import jupytext
import papermill
import pytest

from lib.build import NotebookRun, load_runs

RUNS = load_runs()


@pytest.fixture(scope="module")
def declared_parameters(tmp_path_factory):
    """Map each notebook name to the names its parameters cell declares, as papermill reads them."""
    folder = tmp_path_factory.mktemp("notebooks")
    declared = {}
    sources = {run.notebook: run.source for run in RUNS}
    for notebook_name, source in sorted(sources.items()):
        notebook = jupytext.read(source)
        # The kernelspec that lib.build.execute_run sets, so papermill reads the notebook as it does there.
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        converted = folder / f"{notebook_name}.ipynb"
        jupytext.write(notebook, converted)
        declared[notebook_name] = set(papermill.inspect_notebook(str(converted)))
    return declared


def undeclared_parameters(run: NotebookRun, declared: dict[str, set[str]]) -> list[str]:
    return sorted(set(run.parameters) - declared[run.notebook])


@pytest.mark.parametrize("run", RUNS, ids=[run.id for run in RUNS])
def test_run_parameters_are_declared(run, declared_parameters):
    undeclared = undeclared_parameters(run, declared_parameters)

    assert not undeclared, (
        f"Run {run.id!r} in notebooks/runs.yml passes {undeclared}, which the parameters cell of "
        f"notebooks/{run.notebook}.py does not declare. Declared: {sorted(declared_parameters[run.notebook])}."
    )


def test_misspelt_parameter_is_undeclared(declared_parameters):
    run = NotebookRun(id="case_tza_2014", notebook="case_study", parameters={"countri": "TZA", "election_year": 2014})

    assert undeclared_parameters(run, declared_parameters) == ["countri"]
