"""留样 as evidence: an illness case about a meal whose samples are still held says until when
and asks for them to be sealed; the seal lands in the audit trail and quiets the escalation;
a case about a meal whose samples are gone says so."""

from __future__ import annotations

from datetime import timedelta

from bot.services import samples
from bot.storage import cases as case_store
from bot.views import samples as samples_view
from bot.views.callbacks import CASE, CaseAction
from tests.conftest import ADMIN, GROUP, MONDAY, STAFF, Harness
from tests.helpers import add_parents, card_of, file_report, text_of


def seal_data(message_buttons: list[dict[str, object]]) -> list[str]:
    return [
        str(b["callback_data"]) for b in message_buttons if "seal" in str(b.get("callback_data"))
    ]


async def test_an_illness_case_about_yesterdays_lunch_asks_to_seal_and_records_who(
    harness: Harness,
) -> None:
    h = harness
    await h.say(ADMIN, "/start")
    (parent,) = await add_parents(h, 3001, 1)
    number = await file_report(h, parent, day=("昨天",))
    card = await card_of(h, number)
    # Yesterday's (Sunday's) lunch started at 12:00; its samples are held 48 hours.
    sunday = MONDAY - timedelta(days=1)
    assert samples.held_until(h.deps, sunday, "lunch") is not None
    assert "留样按规定保留到 12月1日 12:00" in text_of(card)
    (data,) = seal_data(card.buttons)
    press = CASE.parse(data)
    assert press is not None and press.action is CaseAction.SEAL and press.case_id == number

    # Unacknowledged for 30 minutes: the escalation says nobody has confirmed the seal.
    h.clock.advance(timedelta(minutes=31))
    await h.tick()
    first = await h.sim.wait_for_message(GROUP, lambda m: "仍未确认" in text_of(m))
    assert f"#{number} 的留样还没有人确认封存（按规定保留到 12月1日 12:00）" in text_of(first)

    h.sim.press(STAFF[0], card, "留样已封存")
    sealed = await h.sim.wait_for_edit(
        GROUP, card.message_id, predicate=lambda m: "留样已封存：" in text_of(m)
    )
    assert "员工801" in text_of(sealed)
    assert seal_data(sealed.buttons) == []
    events = await case_store.events_of(h.deps.db, number)
    (seal,) = [e for e in events if e.kind == "samples-sealed"]
    assert seal.actor_id == STAFF[0] and "员工801" in seal.actor_name
    assert seal.at == h.clock.now()
    # A second press (another member, a stale card) changes nothing.
    query = h.sim.press_button(STAFF[1], card, data, check=False)
    assert "已经有人确认封存" in str((await h.sim.wait_for_callback_answer(query)).text)
    assert (
        len(
            [e for e in await case_store.events_of(h.deps.db, number) if e.kind == "samples-sealed"]
        )
        == 1
    )

    # The next escalation no longer says the samples are unconfirmed.
    h.clock.advance(timedelta(minutes=30))
    await h.tick()
    second = await h.sim.wait_for_message(GROUP, lambda m: "60 分钟" in text_of(m))
    assert "确认封存" not in text_of(second)

    # The audit trail (/case N) shows who sealed them.
    h.sim.skip(GROUP)
    h.sim.send_text(STAFF[1], f"/case {number}", chat_id=GROUP)
    history = await h.sim.wait_for_message(
        GROUP, lambda m: "留样已封存" in text_of(m) and "记录" in text_of(m)
    )
    assert "员工801" in text_of(history)
    h.assert_no_bad_requests()


async def test_a_case_about_a_meal_from_three_days_ago_says_its_samples_are_gone(
    harness: Harness,
) -> None:
    h = harness
    (parent,) = await add_parents(h, 3101, 1)
    three_days_ago = MONDAY - timedelta(days=3)
    label = f"{three_days_ago.month}月{three_days_ago.day}日"
    number = await file_report(h, parent, category="过敏反应", day=("更早的日期", label))
    card = await card_of(h, number)
    assert "按规定处理掉了" in text_of(card) and "11月29日 12:00" in text_of(card)
    assert seal_data(card.buttons) == []
    # A forged press of the seal button is refused: the samples are gone.
    query = h.sim.press_button(STAFF[0], card, f"case:seal:{number}", check=False)
    assert "超过 48 小时" in str((await h.sim.wait_for_callback_answer(query)).text)
    events = await case_store.events_of(h.deps.db, number)
    assert all(e.kind != "samples-sealed" for e in events)


async def test_a_case_that_is_not_about_illness_says_nothing_of_samples(harness: Harness) -> None:
    h = harness
    (parent,) = await add_parents(h, 3201, 1)
    number = await file_report(h, parent, category="异物", text="米饭里有一根头发")
    card = await card_of(h, number)
    assert "留样" not in text_of(card)
    assert seal_data(card.buttons) == []


async def test_an_outbreak_alert_asks_to_seal_and_one_press_reaches_every_case(
    harness: Harness,
) -> None:
    h = harness
    parents = await add_parents(h, 3301, 3, class_name="初一(3)班")
    numbers = [
        await file_report(h, parent, text="吃完午饭肚子疼", day=("昨天",)) for parent in parents
    ]
    alert = await h.sim.wait_for_message(GROUP, lambda m: "可能的集体事件" in text_of(m))
    assert "留样按规定保留到 12月1日 12:00" in text_of(alert)
    query = h.sim.press(STAFF[1], alert, "留样已封存")
    assert "已记录" in str((await h.sim.wait_for_callback_answer(query)).text)
    # The alert is not a copy of a card: it stays where it is (the group's updates are handled
    # in order, so once /cases is answered the press is done with).
    await h.say(STAFF[0], "/cases", chat_id=GROUP)
    assert any(m.message_id == alert.message_id for m in h.sim.messages(GROUP))
    for number in numbers:
        events = await case_store.events_of(h.deps.db, number)
        assert [e.actor_id for e in events if e.kind == "samples-sealed"] == [STAFF[1]]
    # In English, the same line reads as a date and a time.
    case = await case_store.get_case(h.deps.db, numbers[0])
    assert case is not None
    found = samples.of_case(h.deps, case)
    assert found is not None and found.state is samples.SampleState.SEALED
    held = samples.Samples(samples.SampleState.HELD, found.until, "", None)
    assert "kept until 12/1 12:00" in samples_view.lines(h.deps, "en", held)[0]
    h.assert_no_bad_requests()
