"""Citation metadata: CITATION.cff validates against the CFF 1.2.0 schema."""

import json
import subprocess
import sys
from pathlib import Path

import yaml

from lib import paths

STUDY_DOI = "10.1177/00220027251323557"
REPLICATION_DOI = "10.7910/DVN/SETYU7"
EUREPOC_DOI = "10.5281/zenodo.7848941"


def test_citation_cff_is_valid():
    cffconvert = Path(sys.executable).parent / "cffconvert"

    completed = subprocess.run(
        [str(cffconvert), "--validate", "-i", str(paths.CITATION_CFF)], capture_output=True, text=True, check=False
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_citation_cff_references_study_and_data():
    citation = yaml.safe_load(paths.CITATION_CFF.read_text())

    dois = {reference.get("doi") for reference in citation["references"]}
    assert {STUDY_DOI, REPLICATION_DOI, EUREPOC_DOI} <= dois


def test_zenodo_metadata_matches_citation():
    zenodo = json.loads(paths.ZENODO_JSON.read_text())
    citation = yaml.safe_load(paths.CITATION_CFF.read_text())

    assert zenodo["version"] == citation["version"]
    assert zenodo["title"] == citation["title"]
    identifiers = {item["identifier"] for item in zenodo["related_identifiers"]}
    assert {STUDY_DOI, REPLICATION_DOI, EUREPOC_DOI} <= identifiers
