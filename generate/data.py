"""The generator's data: the wing relationships (``relations.yaml``) and the room sizes and
dimensions the rule packs do not set (``rooms.yaml``), read once and validated."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from centreplan.planner.model import USES

HERE = Path(__file__).resolve().parent
WING_KINDS = ("front", "common", "men", "women", "boys", "girls", "families")
Status = Literal["verified", "secondary", "unverified", "design_choice"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Param(_Strict):
    value: float
    status: Status
    source: str | None = None
    note: str | None = None


class RoomSize(_Strict):
    use: str
    wing: Literal["front", "common"]
    base: float
    per_resident: float = 0.0
    per_child: float = 0.0
    per_woman: float = 0.0
    name: dict[str, str]
    second_door: bool = False
    staff_entrance: bool = False
    only_if_required: bool = False

    def area(self, residents: int, children: int, women: int) -> float:
        return self.base + self.per_resident * residents + self.per_child * children + self.per_woman * women


class Sizes(_Strict):
    params: dict[str, Param]
    rooms: list[RoomSize]

    def __getitem__(self, name: str) -> float:
        return self.params[name].value


class Pair(_Strict):
    a: str
    b: str
    rating: Literal["A", "E", "I", "O", "U", "X"]
    why: str


class Relations(_Strict):
    weights: dict[str, int]
    pairs: list[Pair] = Field(default_factory=list)

    def rating(self, a: str, b: str) -> str:
        for p in self.pairs:
            if {p.a, p.b} == {a, b}:
                return p.rating
        return "U"


@lru_cache(maxsize=1)
def sizes() -> Sizes:
    data = Sizes.model_validate(yaml.safe_load((HERE / "rooms.yaml").read_text(encoding="utf-8")))
    for r in data.rooms:
        if r.use not in USES:
            raise ValueError(f"generate/rooms.yaml: {r.use!r} is not a room use")
    return data


@lru_cache(maxsize=1)
def relations() -> Relations:
    data = Relations.model_validate(yaml.safe_load((HERE / "relations.yaml").read_text(encoding="utf-8")))
    for p in data.pairs:
        for end in (p.a, p.b):
            if end not in WING_KINDS:
                raise ValueError(f"generate/relations.yaml: {end!r} is not a wing ({', '.join(WING_KINDS)})")
    return data
