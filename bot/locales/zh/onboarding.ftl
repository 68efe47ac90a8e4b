## Joining a class, children, language, stop, data and roles

welcome-class =
    👋 欢迎使用 <b>{ $school }</b> 食安家长通！
    您正在加入 <b>{ $class }</b>。
    请发送孩子的姓名或昵称（只用于菜单过敏提醒和反馈），也可以点“跳过”。
button-skip = 跳过
ask-allergens =
    请选择 <b>{ $child }</b> 的过敏原（可多选），选好后点“完成”；没有过敏原请点“无过敏原”。
button-allergen-none = 无过敏原
button-done = ✅ 完成
child-saved =
    ✅ 已保存：
    孩子：<b>{ $child }</b>
    班级：{ $class }
    过敏原：{ $allergens }

    每个上课日早上您会收到菜单；菜品含有孩子的过敏原时会特别提醒。
    发送 /help 查看全部功能，/children 可添加或修改孩子信息。
child-name-too-long = 名字太长了，请用 { $max } 个字以内。
child-name-empty = 请发送文字形式的名字，或点“跳过”。
unknown-code = 这个邀请链接无效或已过期。请从下面选择孩子所在的年级和班级：
no-code = 欢迎使用 <b>{ $school }</b> 食安家长通！请选择孩子所在的年级：
pick-grade = 请选择年级：
pick-class = 请选择 <b>{ $grade }</b> 的班级：
no-classes = 学校还没有设置班级，请联系学校管理员获取班级邀请链接。
already-registered =
    您好！您已登记的孩子：
    { $children }
    发送 /menu 查看今天的菜单，/help 查看全部功能。
welcome-back = 欢迎回来！已恢复为您推送消息。
stopped = 已停止向您发送任何消息，您的信息仍然保留。发送 /start 可随时恢复。
children-list =
    <b>您登记的孩子：</b>
    { $children }
children-empty = 您还没有登记孩子。
child-line = • { $child }（{ $class }）— 过敏原：{ $allergens }
button-add-child = ➕ 添加孩子
button-edit-child = ✏️ 修改 { $child }
button-remove-child = 🗑 删除 { $child }
confirm-remove-child = 确定删除 <b>{ $child }</b> 的信息吗？
button-yes-remove = 确定删除
button-keep = 保留
child-removed = 已删除 { $child } 的信息。
edit-child-name = 请发送 <b>{ $child }</b> 的新名字，或点“跳过”保留原名。
language-pick = 请选择语言 / Choose a language:
language-set = 已切换为中文。
mydata =
    <b>您在食安家长通的信息</b>
    Telegram 用户 ID：<code>{ $id }</code>
    名字：{ $name }
    语言：{ $language }
    状态：{ $status }
    每日菜单推送：{ $menu }{ $roles }
    加入时间：{ $joined }
    已提交的反馈：{ $reports } 条（/myreports 查看）
    孩子：
    { $children }
mydata-on = 开启
mydata-off = 关闭
status-active = 正常接收
status-inactive = 已停止
status-blocked = 已屏蔽机器人
mydata-roles = 角色：{ $roles }
role-admin = 管理员
role-duty = 陪餐值班领导
deletedata-confirm = 确定要删除我们保存的您的全部信息吗？（孩子信息、设置、角色都会删除；已提交的反馈会匿名保留，供学校食品安全记录使用。）此操作不能撤销。
button-delete-yes = 确定删除
button-delete-no = 不删除
deletedata-done = 您的信息已全部删除。如需再次使用，请通过班级邀请链接重新加入。
deletedata-kept = 好的，您的信息没有变化。
grant-usage = 用法：/grant 用户ID admin|duty
revoke-usage = 用法：/revoke 用户ID [admin|duty]
grant-done = 已把用户 <code>{ $user }</code> 设为{ $role }。
grant-already = 用户 <code>{ $user }</code> 已经是{ $role }了。
grant-unknown-user = 机器人还不认识用户 <code>{ $user }</code>：请先让对方私聊机器人发送 /start，再授予角色。
revoke-done = 已撤销用户 <code>{ $user }</code> 的 { $count } 个角色。
revoke-none = 用户 <code>{ $user }</code> 没有可撤销的角色。
revoke-config-admin = 用户 <code>{ $user }</code> 是配置文件（ADMIN_IDS）中的管理员，需修改配置才能移除。
