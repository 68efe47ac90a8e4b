## Menus, school days, the daily push, reminders and personal settings

weekday-0 = 周一
weekday-1 = 周二
weekday-2 = 周三
weekday-3 = 周四
weekday-4 = 周五
weekday-5 = 周六
weekday-6 = 周日
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月
date-long = { $month }{ $day }日（{ $weekday }）

menu-title = 🍱 <b>{ $school } · { $date } 菜单</b>
menu-meal = <b>{ $meal }</b>
menu-dish = • { $dish }
menu-dish-warned = ⚠️ <b>{ $dish }</b>
menu-dish-category = （{ $category }）
menu-dish-allergens = ［含：{ $allergens }］
menu-dish-notes = — <i>{ $notes }</i>
menu-warning = ⚠️ <b>{ $child } 过敏提醒：{ $dish } 含{ $allergens }</b>
menu-none = { $date } 还没有菜单。
menu-closed = { $date } 不是上课日{ $reason }。
menu-closed-reason = （{ $reason }）
menu-week-title = 📅 <b>{ $school } · 本周菜单（{ $first } – { $last }）</b>
menu-week-day = <b>📅 { $date }</b>
menu-week-none = 本周还没有菜单。
menu-button-prev = ◀ 前一天
menu-button-next = 后一天 ▶
menu-button-week = 本周菜单
menu-button-today = 今天
menu-button-full = 📄 完整菜单
menu-more-dishes = ……还有 { $count } 道菜
menu-more-warnings = ……还有 { $count } 条过敏提醒
menu-shortened = 📄 这一天的菜单较长，这里是精简版。点下方“完整菜单”查看全部菜品和备注。
menu-week-more-dishes = ……还有 { $count } 道菜，发送 /menu { $date } 查看

reminder-no-menu = ⏰ 下一个上课日 { $date } 还没有菜单。请把菜单表格（.csv 或 .xlsx）发给我导入。

menu-import-problems = ❌ 菜单文件有 { $count } 处问题，没有导入任何内容。请修改后重新发送：
menu-import-more = ……还有 { $count } 处问题。
menu-import-more-days = ……还有 { $count } 天
menu-import-preview =
    📋 <b>菜单导入预览</b>
    日期（共 { $count } 天）：{ $days }
    共 { $meals } 餐、{ $dishes } 道菜。
menu-import-replaces = 将替换这些日期已有的菜单：{ $dates }
menu-import-confirm = 确认导入？
menu-import-button-confirm = ✅ 确认导入
menu-import-button-cancel = 取消
menu-import-done = ✅ 已导入 { $days } 天的菜单，共 { $dishes } 道菜。
menu-import-cancelled = 已取消，菜单没有变化。
date-span = { $first }至{ $last }
menu-import-past = { $days }已过去：只存档，不推送。
menu-import-today-now = 今天的推送时间（{ $time }）已过，今天的菜单已立即推送给家长。
menu-import-today-too-late = 今天的推送时间（{ $time }）已过去太久，今天的菜单不再推送；家长可以用 /menu 查看。
menu-import-today-already = 今天的菜单早上已经推送过，这次的修改不会再次推送；家长可以用 /menu 查看最新菜单。
menu-import-download-failed = 文件下载失败，请稍后重新发送。
menu-import-not-a-menu = 请发送 .csv 或 .xlsx 格式的菜单表格（表头：日期,餐次,菜品,类别,过敏原,备注）。
menu-import-too-big = ❌ 文件太大了（上限 { $limit } MB），没有导入任何内容。请只保留菜单表格后重新发送。

schoolday-usage =
    用法：/schoolday 日期 停课|上课|恢复 [原因]
    日期可以写 12月4日、12/4、明天、下周一，也可以是一段（最长 366 天）：12月28日..1月1日
    例如：/schoolday 12月4日 停课 运动会
    “恢复”表示重新按校历判断。学期用 /term 设置。
schoolday-bad-date = 无法识别日期“{ $value }”，可以写 12月4日、12/4、明天、下周一 或 2026-12-04。
schoolday-set-open = ✅ { $date } 设为上课日{ $reason }。
schoolday-set-closed = ✅ { $date } 设为停课日{ $reason }，停课日不推送菜单。
schoolday-set-auto = ✅ { $date } 恢复按校历判断：{ $state }。
schoolday-state-open = 上课
schoolday-state-closed = 不上课
schoolday-range = { $first } 至 { $last }（{ $count } 天）
schoolday-set-range-auto = ✅ { $dates } 恢复按校历判断。
schoolday-list-title = <b>未来两周</b>
schoolday-list-line = { $date }：{ $state }{ $reason }

settings-title = <b>推送设置</b>
settings-menu-on = 每日菜单推送：已开启
settings-menu-off = 每日菜单推送：已关闭
settings-button-turn-off = 关闭每日菜单
settings-button-turn-on = 开启每日菜单

push-cli-queued = 已安排把 { $date } 的菜单推送给 { $count } 位家长，正在运行的机器人会把它们发出去。
push-cli-already = { $date } 的菜单已经推送过（每位家长每天只推送一次）。
push-cli-not-school-day = { $date } 不是上课日，未推送（如确需推送请加 --force）。
push-cli-no-menu = { $date } 没有菜单，未推送。
