"""Build steps: the run list, the cache keys and the notebook clean-up."""

import nbformat
import pytest

from lib import build, paths


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A build folder and a notebook folder with one trivial notebook, in tmp_path."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "tiny.py").write_text("# %%\nx = 1\n")
    monkeypatch.setattr(paths, "NOTEBOOK_DIR", notebooks)
    monkeypatch.setattr(paths, "BUILD_DIR", tmp_path / "build")
    monkeypatch.setattr(paths, "EXECUTED_DIR", tmp_path / "build" / "executed")
    monkeypatch.setattr(paths, "CACHE_DIR", tmp_path / "build" / "cache")
    return tmp_path


def _write_runs(folder, text):
    file = folder / "runs.yml"
    file.write_text(text)
    return file


def test_load_runs_rejects_missing_notebook(project):
    runs_file = _write_runs(project, "runs:\n  - notebook: absent\n")

    with pytest.raises(build.BuildError, match="absent"):
        build.load_runs(runs_file)


def test_load_runs_rejects_duplicate_ids(project):
    runs_file = _write_runs(project, "runs:\n  - notebook: tiny\n  - notebook: tiny\n")

    with pytest.raises(build.BuildError, match="Duplicate run ids"):
        build.load_runs(runs_file)


def test_run_key_changes_with_parameters(project):
    first = build.NotebookRun(id="a", notebook="tiny", parameters={"x": 1})
    second = build.NotebookRun(id="a", notebook="tiny", parameters={"x": 2})

    assert build.run_key(first, "shared", "") != build.run_key(second, "shared", "")
    assert build.run_key(first, "shared", "") != build.run_key(first, "other", "")
    assert build.run_key(first, "shared", "") == build.run_key(first, "shared", "")


def test_second_execution_reuses_cache(project, monkeypatch):
    runs_file = _write_runs(project, "runs:\n  - notebook: tiny\n  - notebook: tiny\n    id: tiny_again\n")
    executed = []

    def fake_execute(run, extra_parameters=None, output=None):
        executed.append(run.id)
        run.executed.parent.mkdir(parents=True, exist_ok=True)
        run.executed.write_text("{}")
        return run.executed

    monkeypatch.setattr(build, "execute_run", fake_execute)

    assert build.execute_all(runs_file=runs_file) == 2
    assert build.execute_all(runs_file=runs_file) == 0
    (project / "notebooks" / "tiny.py").write_text("# %%\nx = 2\n")
    assert build.execute_all(runs_file=runs_file) == 2
    assert executed == ["tiny", "tiny_again", "tiny", "tiny_again"]


def test_strip_volatile_metadata(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["papermill"] = {"start_time": "t0", "end_time": "t1", "duration": 1.0, "parameters": {}}
    cell = nbformat.v4.new_code_cell("x")
    cell.metadata["execution"] = {"iopub.execute_input": "t"}
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="100%|██████████| 10/10 [00:01<00:00, 9.9it/s]"),
        nbformat.v4.new_output("stream", name="stderr", text="a real warning"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "<Styler at 0x7f3a197a3710>"}, execution_count=1),
    ]
    notebook.cells = [cell]
    file = tmp_path / "nb.ipynb"
    nbformat.write(notebook, file)

    build._strip_volatile_metadata(file)

    cleaned = nbformat.read(file, as_version=4)
    assert cleaned.metadata["papermill"] == {"parameters": {}}
    assert cleaned.cells[0].id == "cell-0"
    assert "execution" not in cleaned.cells[0].metadata
    assert [output.get("text") for output in cleaned.cells[0].outputs[:1]] == ["a real warning"]
    assert cleaned.cells[0].outputs[1]["data"]["text/plain"] == "<Styler>"


def test_execute_run_rejects_undeclared_parameter(project):
    (project / "notebooks" / "tiny.py").write_text('# %% tags=["parameters"]\nsize = 1\n\n# %%\nx = size\n')
    run = build.NotebookRun(id="tiny", notebook="tiny")

    with pytest.raises(build.BuildError) as error:
        build.execute_run(run, {"colour": "red"}, output=project / "out.ipynb")

    assert "['colour']" in str(error.value)
    assert "declares: size" in str(error.value)


@pytest.mark.parametrize(
    ("value", "accepted"),
    [(3, True), (2.5, False), ("3", False), (True, False)],
)
def test_check_parameters_types_for_int(value, accepted):
    run = build.NotebookRun(id="r", notebook="n")
    declared = {"draws": {"default": "1000"}}

    if accepted:
        build.check_parameters(run, {"draws": value}, declared)
    else:
        with pytest.raises(build.BuildError, match="Invalid value"):
            build.check_parameters(run, {"draws": value}, declared)


def test_check_parameters_accepts_int_for_float():
    run = build.NotebookRun(id="r", notebook="n")

    build.check_parameters(run, {"level": 1}, {"level": {"default": "0.05"}})


def test_check_parameters_rejects_string_for_bool():
    run = build.NotebookRun(id="r", notebook="n")

    with pytest.raises(build.BuildError, match="expected bool"):
        build.check_parameters(run, {"flag": "maybe"}, {"flag": {"default": "False"}})


def test_load_runs_rejects_empty_list(project):
    runs_file = _write_runs(project, "runs: []\n")

    with pytest.raises(build.BuildError, match="non-empty list"):
        build.load_runs(runs_file)


def test_execute_run_reports_failing_cell(project):
    (project / "notebooks" / "tiny.py").write_text('# %% tags=["parameters"]\nsize = 1\n\n# %%\nraise ValueError("size is wrong")\n')
    run = build.NotebookRun(id="tiny", notebook="tiny")

    with pytest.raises(build.BuildError) as error:
        build.execute_run(run, output=project / "out.ipynb")

    assert "Run 'tiny' failed in cell" in str(error.value)
    assert "ValueError: size is wrong" in str(error.value)
