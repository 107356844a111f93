import pytest
from app_helpers import app, downloads  # noqa: F401  (the fixtures)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Each test's drafts go to a folder of its own, never to the user's data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv("CENTREPLAN_DATA_DIR", str(folder))
    return folder
