## The school calendar (校历): terms, reasons a day is (not) a school day, the 校历 file, and
## the warning that the official holiday data runs out

calendar-reason-override = 管理员设置
calendar-reason-vacation = 假期（不在任何学期内）
calendar-reason-holiday = 法定假日
calendar-reason-makeup = 调休上课（{ $name }）
calendar-reason-weekend = 周末
calendar-reason-guessed = 推测：没有该年的节假日数据
calendar-range-reversed = ❌ 结束日期 { $last } 早于开始日期 { $first }。
calendar-range-too-long = ❌ 一次最多设置 { $max } 天，请检查日期。

calendar-show-title = 校历：{ $first } 至 { $last }
calendar-show-line = { $date } { $weekday }  { $state }  { $reasons }
calendar-show-data-ends = 注意：官方节假日数据只到 { $date }，之后标为“推测”的日子只是按周一至周五估计的。请升级 chinesecalendar 软件包，或在校历 CSV 中导入官方节假日安排（类型 假日/调休）。

calendar-data-ends =
    ⚠️ <b>节假日数据即将用完</b>
    官方节假日数据只到 { $date }。之后的上课日只能按周一至周五推测：法定假日和调休不会被识别，放假时也可能推送菜单，缺菜单提醒也会停止。
    解决办法（任选其一）：
    • 升级 chinesecalendar 软件包（<code>pip install -U chinesecalendar</code>），然后重启机器人；
    • 在校历 CSV 中加入官方节假日安排（类型 假日/调休），用 <code>python -m bot calendar import 文件</code> 导入。

calendar-import-problems = ❌ 校历文件有 { $count } 处问题，没有导入任何内容。请修改后重新导入：
calendar-import-done = ✅ 已导入校历：{ $terms } 个学期，{ $closed } 个停课日，{ $opened } 个上课日，{ $official } 个官方假日或调休日。
calendar-problem-unreadable = 第 { $row } 行：无法读取文件，请保存为 CSV（UTF-8 或 GBK）。
calendar-problem-header = 第 { $row } 行：表头应为 类型,开始,结束,名称（或 type,start,end,name）。
calendar-problem-empty = 第 { $row } 行：文件里没有任何条目。
calendar-problem-type = 第 { $row } 行：不认识的类型“{ $value }”（可用：学期、停课、上课、假日、调休）。
calendar-problem-date = 第 { $row } 行：无法识别日期“{ $value }”，请使用 2026-09-01 这样的格式。
calendar-problem-reversed = 第 { $row } 行：结束日期早于开始日期（{ $value }）。
calendar-problem-too-long = 第 { $row } 行：时间段超过 366 天（{ $value }）。
calendar-problem-no-name = 第 { $row } 行：学期需要名称。
calendar-problem-name-too-long = 第 { $row } 行：学期名称太长（“{ $value }”，最多 30 个字）。
calendar-problem-same-term = 第 { $row } 行：学期“{ $value }”在文件中出现了两次。
calendar-problem-overlap = 第 { $row } 行：这个学期与学期 { $value } 有重叠（已有的学期可以先用 /term delete 名称 删除）。
calendar-problem-conflict = 第 { $row } 行：{ $value } 在文件中既被设为上课又被设为不上课（或既是假日又是调休）。

term-usage =
    用法：
    /term 开始日期 结束日期 名称 — 设置学期（同名学期会被更新）
    /term — 列出所有学期
    /term delete 名称 — 删除学期
    例如：/term 2026-09-01 2027-01-22 秋季学期
term-list-title = <b>学期</b>（学期之外不上课，也不推送菜单）
term-list-line = • { $name }：{ $first } 至 { $last }
term-list-empty = 还没有设置学期：除法定假日外，每个周一至周五都算上课日。
term-added = ✅ 已添加学期“{ $name }”：{ $first } 至 { $last }。学期之外不上课，也不推送菜单。
term-updated = ✅ 已更新学期“{ $name }”：{ $first } 至 { $last }。
term-overlaps = ❌ 学期“{ $name }”与已有的学期“{ $other }”（{ $first } 至 { $last }）有重叠，没有保存。请先修改或删除那个学期。
term-no-name = ❌ 请写上学期名称，例如：/term 2026-09-01 2027-01-22 秋季学期
term-name-too-long = ❌ 学期名称最多 { $max } 个字。
term-deleted = ✅ 已删除学期“{ $name }”。
term-not-found = 没有名为“{ $name }”的学期。发送 /term 查看所有学期。
