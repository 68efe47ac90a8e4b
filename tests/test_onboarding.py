"""Parents join by invite link, manage children and their data; roles are guarded."""

from __future__ import annotations

from bot.storage import people as store
from tests.conftest import ADMIN, GROUP, Harness
from tests.helpers import invite_code, join

PARENT = 1001


async def test_parent_joins_by_invite_link_and_picks_allergens(harness: Harness) -> None:
    h = harness
    h.sim.add_user(PARENT, "王芳", "zh-hans")
    code = await invite_code(h, "初一(2)班")
    welcome = await h.say(PARENT, f"/start {code}")
    assert "第一中学" in (welcome.text or "") and "初一(2)班" in (welcome.text or "")
    prompt = await h.say(PARENT, "小明")
    assert "小明" in (prompt.text or "")
    h.sim.press(PARENT, prompt, "花生")
    prompt = await h.sim.wait_for_edit(PARENT, prompt.message_id)
    assert any(b["text"] == "✅ 花生" for b in prompt.buttons)
    h.sim.press(PARENT, prompt, "牛奶/乳制品")
    prompt = await h.sim.wait_for_edit(PARENT, prompt.message_id)
    h.sim.press(PARENT, prompt, "完成")
    saved = await h.sim.wait_for_edit(PARENT, prompt.message_id)
    text = saved.text or ""
    assert "小明" in text and "初一(2)班" in text and "花生、牛奶/乳制品" in text
    children = await store.children_of(h.deps.db, PARENT)
    assert [(c.name, c.class_name, c.allergens) for c in children] == [
        ("小明", "初一(2)班", ("peanut", "milk"))
    ]
    user = await store.get_user(h.deps.db, PARENT)
    assert user is not None and user.language == "zh" and user.active
    h.assert_no_bad_requests()


async def test_english_user_gets_english_and_no_allergens(harness: Harness) -> None:
    h = harness
    h.sim.add_user(PARENT, "Anna", "en-GB")
    code = await invite_code(h, "初二(1)班")
    welcome = await h.say(PARENT, f"/start {code}")
    assert "Welcome" in (welcome.text or "") and "初二(1)班" in (welcome.text or "")
    h.sim.press(PARENT, welcome, "Skip")
    prompt = await h.sim.wait_for_message(PARENT)
    assert "your child" in (prompt.text or "")
    h.sim.press(PARENT, prompt, "No allergens")
    saved = await h.sim.wait_for_edit(PARENT, prompt.message_id)
    assert "Allergens: none" in (saved.text or "")
    help_text = await h.say(PARENT, "/help")
    assert "/menu" in (help_text.text or "") and "Administrator" not in (help_text.text or "")


async def test_unknown_code_leads_to_the_grade_and_class_picker(harness: Harness) -> None:
    h = harness
    h.sim.add_user(PARENT, "李雷", "zh")
    picker = await h.say(PARENT, "/start not-a-code")
    assert "无效" in (picker.text or "")
    assert [b["text"] for b in picker.buttons] == ["初一", "初二", "初三"]
    h.sim.press(PARENT, picker, "初三")
    classes = await h.sim.wait_for_edit(PARENT, picker.message_id)
    assert [b["text"] for b in classes.buttons] == ["初三(1)班", "初三(2)班"]
    h.sim.press(PARENT, classes, "初三(2)班")
    welcome = await h.sim.wait_for_message(PARENT)
    assert "初三(2)班" in (welcome.text or "")
    plain = await h.say(PARENT + 1, "/start")
    assert [b["text"] for b in plain.buttons] == ["初一", "初二", "初三"]


async def test_html_in_a_child_name_is_stored_and_echoed_literally(harness: Harness) -> None:
    h = harness
    name = "<b>x</b> & <script>"
    await join(h, PARENT, "初一(1)班", name, ["蛋类"])
    children = await store.children_of(h.deps.db, PARENT)
    assert children[0].name == name
    saved = h.sim.messages(PARENT)[-1]
    assert name in (saved.visible_text or "")
    listing = await h.say(PARENT, "/children")
    assert name in (listing.visible_text or "")
    assert any(name in b["text"] for b in listing.buttons)
    h.assert_no_bad_requests()


async def test_stop_and_start_again(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初一(1)班", "小红", [])
    stopped = await h.say(PARENT, "/stop")
    assert "/start" in (stopped.text or "")
    user = await store.get_user(h.deps.db, PARENT)
    assert user is not None and user.status == "inactive"
    assert len(await store.children_of(h.deps.db, PARENT)) == 1
    back = await h.say(PARENT, "/start")
    assert "欢迎回来" in (back.text or "")
    user = await store.get_user(h.deps.db, PARENT)
    assert user is not None and user.status == "active"


async def test_mydata_and_deletedata(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(2)班", "小刚", ["大豆"])
    mine = await h.say(PARENT, "/mydata")
    assert (
        str(PARENT) in (mine.text or "")
        and "小刚" in (mine.text or "")
        and "大豆" in (mine.text or "")
    )
    assert "角色" not in (mine.text or "")  # a parent has none, and is not told "无"
    roles = await h.say(ADMIN, "/mydata")
    assert "角色：管理员" in (roles.text or "")
    confirm = await h.say(PARENT, "/deletedata")
    h.sim.press(PARENT, confirm, "不删除")
    kept = await h.sim.wait_for_edit(PARENT, confirm.message_id)
    assert "没有变化" in (kept.text or "")
    assert await store.get_user(h.deps.db, PARENT) is not None
    confirm = await h.say(PARENT, "/deletedata")
    h.sim.press(PARENT, confirm, "确定删除")
    await h.sim.wait_for_edit(PARENT, confirm.message_id)
    assert await store.get_user(h.deps.db, PARENT) is None
    assert await store.children_of(h.deps.db, PARENT) == []


async def test_children_can_be_added_edited_and_removed(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初一(1)班", "老大", [])
    overview = await h.say(PARENT, "/children")
    h.sim.press(PARENT, overview, "修改 老大")
    ask = await h.sim.wait_for_message(PARENT)
    prompt = await h.say(PARENT, "大宝")
    h.sim.press(PARENT, prompt, "芝麻")
    prompt = await h.sim.wait_for_edit(PARENT, prompt.message_id)
    h.sim.press(PARENT, prompt, "完成")
    await h.sim.wait_for_edit(PARENT, prompt.message_id)
    assert "老大" in (ask.text or "")
    [child] = await store.children_of(h.deps.db, PARENT)
    assert (child.name, child.allergens) == ("大宝", ("sesame",))
    await join(h, PARENT, "初三(1)班", "二宝", [])
    assert len(await store.children_of(h.deps.db, PARENT)) == 2
    overview = await h.say(PARENT, "/children")
    h.sim.press(PARENT, overview, "删除 二宝")
    confirm = await h.sim.wait_for_edit(PARENT, overview.message_id)
    h.sim.press(PARENT, confirm, "确定删除")
    await h.sim.wait_for_edit(PARENT, overview.message_id)
    assert [c.name for c in await store.children_of(h.deps.db, PARENT)] == ["大宝"]
    # A forged button for someone else's child changes nothing.
    other = PARENT + 5
    await join(h, other, "初一(1)班", "别人家", [])
    [others_child] = await store.children_of(h.deps.db, other)
    forged = h.sim.press_button(PARENT, overview, f"kids:delok:{others_child.id}", check=False)
    answer = await h.sim.wait_for_callback_answer(forged)
    assert answer.show_alert
    assert len(await store.children_of(h.deps.db, other)) == 1


async def test_language_switch(harness: Harness) -> None:
    h = harness
    h.sim.add_user(PARENT, "王芳", "zh")
    pick = await h.say(PARENT, "/language")
    h.sim.press(PARENT, pick, "English")
    done = await h.sim.wait_for_edit(PARENT, pick.message_id)
    assert "English" in (done.text or "")
    help_text = await h.say(PARENT, "/help")
    assert "I can help you" in (help_text.text or "")


async def test_roles_are_guarded_and_granted(harness: Harness) -> None:
    h = harness
    h.sim.add_user(PARENT, "王芳", "zh")
    refused = await h.say(PARENT, "/grant 1002 admin")
    assert "只有学校管理员" in (refused.text or "")
    assert await store.roles_of(h.deps.db, 1002) == set()
    for target in ("abc", "-1009990001", "0", "99999999999999999999", "²", "①"):
        usage = await h.say(ADMIN, f"/grant {target} admin")
        assert "用法" in (usage.text or ""), target
    unknown = await h.say(ADMIN, "/grant 424242 duty")
    assert "还不认识" in (unknown.text or "") and "424242" in (unknown.text or "")
    assert await h.deps.db.fetchval("SELECT count(*) FROM roles") == 0
    done = await h.say(ADMIN, f"/grant {PARENT} admin")
    assert str(PARENT) in (done.text or "")
    assert await store.roles_of(h.deps.db, PARENT) == {"admin"}
    admin_help = await h.say(PARENT, "/help")
    assert "管理员命令" in (admin_help.text or "")
    revoked = await h.say(ADMIN, f"/revoke {PARENT}")
    assert "撤销" in (revoked.text or "")
    assert await store.roles_of(h.deps.db, PARENT) == set()
    config_admin = await h.say(ADMIN, f"/revoke {ADMIN} admin")
    assert "ADMIN_IDS" in (config_admin.text or "")


async def test_commands_are_registered_per_language_and_scope(harness: Harness) -> None:
    h = harness
    zh = h.sim.commands_for(None, "zh") or []
    en = h.sim.commands_for(None, "en") or []
    assert {c["command"] for c in zh} == {c["command"] for c in en}
    assert "menu" in {c["command"] for c in zh} and "grant" not in {c["command"] for c in zh}
    assert zh[0]["description"] != en[0]["description"]
    await h.say(ADMIN, "/start")
    admin = h.sim.commands_for({"type": "chat", "chat_id": ADMIN}) or []
    assert {"grant", "notice", "menu"} <= {c["command"] for c in admin}
    group = h.sim.commands_for({"type": "chat", "chat_id": GROUP}, "zh") or []
    assert "cases" in {c["command"] for c in group}


async def test_data_survive_a_restart(harness: Harness) -> None:
    h = harness
    await join(h, PARENT, "初二(1)班", "小芳", ["鱼类"])
    await h.restart()
    listing = await h.say(PARENT, "/children")
    assert "小芳" in (listing.text or "") and "鱼类" in (listing.text or "")


async def test_a_flow_survives_a_restart(harness: Harness) -> None:
    h = harness
    code = await invite_code(h, "初一(3)班")
    h.sim.add_user(PARENT, "王芳", "zh")
    await h.say(PARENT, f"/start {code}")
    await h.restart()
    prompt = await h.say(PARENT, "小亮")
    assert "小亮" in (prompt.text or "")
