"""Projects: several centres, every saved revision of each, and what changed between two.

- :mod:`projects.store`: the store (SQLite by default, PostgreSQL for teams) with immutable revisions
  and optimistic concurrency; :func:`open_store`.
- :mod:`projects.diff`: rooms, doors, population, findings and equipment between two layouts.
- :mod:`projects.cli`: ``centreplan project …``.

Nothing here imports Streamlit; the app's Projects page calls these functions.
"""
