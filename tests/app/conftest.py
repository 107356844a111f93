from app_helpers import app  # noqa: F401  (the fixture)
