"""Who a broadcast goes to: active parents, narrowed by grade, class or a child's allergen."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database


@dataclass(frozen=True)
class Audience:
    kind: str = "all"  # all | grade | class | allergen
    grade: str | None = None
    class_id: int | None = None
    allergen: str | None = None

    def to_json(self) -> dict[str, str | int]:
        data: dict[str, str | int] = {"kind": self.kind}
        for key in ("grade", "class_id", "allergen"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Audience:
        class_id = data.get("class_id")
        return cls(
            kind=str(data.get("kind", "all")),
            grade=str(data["grade"]) if "grade" in data else None,
            class_id=int(class_id) if isinstance(class_id, int | str) else None,
            allergen=str(data["allergen"]) if "allergen" in data else None,
        )


async def recipients(db: Database, audience: Audience, daily_menu: bool = False) -> list[int]:
    """Active parents (with at least one child) in the audience; daily_menu keeps only those who
    want the daily menu."""
    where = ["u.status = 'active'"]
    params: list[object] = []
    if daily_menu:
        where.append("u.menu_opt_in = 1")
    if audience.kind == "grade":
        where.append("k.grade = ?")
        params.append(audience.grade)
    elif audience.kind == "class":
        where.append("k.id = ?")
        params.append(audience.class_id)
    elif audience.kind == "allergen":
        where.append("(',' || c.allergens || ',') LIKE ?")
        params.append(f"%,{audience.allergen},%")
    elif audience.kind != "all":
        raise ValueError(f"unknown audience kind {audience.kind!r}")
    rows = await db.fetchall(
        "SELECT DISTINCT u.id FROM users u JOIN children c ON c.parent_id = u.id"
        " JOIN classes k ON k.id = c.class_id WHERE " + " AND ".join(where) + " ORDER BY u.id",
        params,
    )
    return [r[0] for r in rows]
