## 陪餐: the roster, the duty record, /duty week, reminders, the evening digest, the roster import.

# The kitchen checks of a duty record, in order: keys separated by spaces. A school may reorder,
# remove or add checks here (a new key needs its duty-check-KEY label, and a -hint if it likes).
# The "samples" check (留样) is confirmed per dish of the day's menu.
duty-checklist = health hygiene intake washing cooking utensils samples order
# Checks whose notes parents never see: only 合格/不合格 of staff health reaches them.
duty-checklist-private = health
duty-check-health = 晨检（从业人员健康）
duty-check-health-hint = 查看晨检记录：有无发热、腹泻、手部伤口等，患病人员是否已离岗。
duty-check-hygiene = 个人卫生
duty-check-hygiene-hint = 工作服、帽子、口罩是否规范，是否洗手消毒。
duty-check-intake = 食材验收与索证索票
duty-check-intake-hint = 食材是否新鲜，进货查验记录和票证是否齐全。
duty-check-washing = 清洗
duty-check-washing-hint = 蔬菜是否浸泡清洗，生熟是否分开。
duty-check-cooking = 加工
duty-check-cooking-hint = 是否烧熟煮透；需要测温的，中心温度不低于 70 °C。
duty-check-utensils = 餐具消毒
duty-check-utensils-hint = 餐具是否消毒并存放在保洁柜内。
duty-check-samples = 留样
duty-check-samples-hint = 每样菜留样不少于 125 克，密封后冷藏保存 48 小时以上。
duty-check-order = 就餐秩序
duty-check-order-hint = 学生排队取餐、就餐是否有序。

duty-aspect-food = 饭菜质量
duty-aspect-hygiene = 食堂卫生
duty-aspect-order = 就餐秩序
duty-aspect-service = 服务
duty-grade-excellent = 优
duty-grade-good = 良
duty-grade-fair = 中
duty-grade-poor = 差

duty-state-done = ✅ 已记录
duty-state-late = 🟡 补记（超时）
duty-state-missing = 🔴 未记录
duty-state-waiting = ⏳ 待记录
duty-state-unassigned = ⚪ 未安排

## /duty

duty-roster-title = <b>📋 本周陪餐安排</b>
duty-roster-empty = 本周还没有安排陪餐。
duty-roster-line = { $date } { $meal }：{ $leader }
duty-roster-teacher = （陪餐教师：{ $teacher }）
duty-recent-title = <b>🍽 近 7 天陪餐记录</b>
duty-recent-empty = 近 7 天还没有陪餐记录。
duty-recent-line = { $date } { $meal } · { $name }陪餐，检查不合格 { $bad } 项
duty-start = 📝 填写陪餐记录：请选择今天的餐次。
duty-start-button = 填写{ $meal }陪餐记录
duty-resume = 您有一份未完成的陪餐记录，可以接着填写：
duty-admin-help =
    管理员：
    /duty set — 安排陪餐
    /duty week — 本周每餐陪餐记录情况
    /duty 编号 — 查看某份陪餐记录及其历史版本
duty-usage = 发送 /duty 查看本周陪餐安排和近期陪餐记录。
duty-usage-admin = 用法：/duty（安排和记录）、/duty set（安排陪餐）、/duty week（本周情况）、/duty 编号（查看记录）。
duty-record-unknown = 没有编号为 { $id } 的陪餐记录。

## The roster picker (administrators)

duty-set-nobody = 还没有陪餐值班领导。请先用 /grant 用户ID duty 授予陪餐值班领导角色。
duty-pick-person = 👤 安排谁陪餐？
duty-pick-first = 📅 从哪一天开始？
duty-pick-last = 📅 到哪一天结束？
duty-pick-meal = 🍽 { $first } 至 { $last }，陪哪一餐？
duty-pick-all-meals = 每一餐
duty-set-done = ✅ 已安排 { $name } 在 { $first } 至 { $last } 陪{ $meal }，共 { $count } 个上课日。
duty-set-none = 这段时间里没有上课日，没有安排陪餐。

## The record being filled in

duty-flow-head = <b>📝 陪餐记录 · { $date } { $meal }</b>
duty-flow-check = 检查 { $n }/{ $total }：<b>{ $check }</b>
duty-flow-check-how = 如需备注或拍照，请先发送文字或照片，再点“合格”或“不合格”。
duty-flow-samples = 请逐个确认已留样的菜品（点一下打勾）：
duty-flow-attached = 已记入：{ $what }。
duty-attached-notes = 备注 { $count } 条
duty-attached-photos = 照片 { $count } 张
duty-ok = ✅ 合格
duty-bad = ❌ 不合格
duty-flow-rate = 请评价<b>{ $aspect }</b>：
duty-flow-said = 💬 学生们对今天的饭菜有什么意见？请直接输入文字，没有可点“跳过”。
duty-flow-current = 当前：{ $answer }
duty-keep = 保留原内容
duty-skip = 跳过
duty-flow-adverse = 🩺 有没有学生出现不良反应（如呕吐、腹痛、过敏）？
duty-adverse-no = 没有
duty-adverse-yes = 有
duty-flow-detail = 请说明情况：几名学生、什么症状、什么时候出现、已经采取了哪些措施。
duty-flow-share = 📷 选一张可以给家长看的厨房照片（会放进今晚的陪餐简报），也可以不分享。
duty-share-photo = 照片 { $n }（{ $check }）
duty-share-none = 不分享照片
duty-flow-confirm = 请确认无误后提交。提交后不能修改；如需更正，会另存为新版本。
duty-submit = ✅ 提交
duty-back = ↩ 上一步
duty-cancel = 取消
duty-cancelled = 已取消这份陪餐记录。
duty-summary-checks = 厨房检查：合格 { $ok } 项，不合格 { $bad } 项
duty-summary-bad = 不合格：{ $checks }
duty-summary-photos = 照片：{ $count } 张
duty-line-ratings = 评价：{ $ratings }
duty-line-adverse = ⚠️ 不良反应：{ $detail }
duty-line-no-adverse = 不良反应：无
duty-submitted = ✅ 陪餐记录 #{ $id } 已提交，谢谢！
duty-submitted-case = ✅ 陪餐记录 #{ $id } 已提交。发现的问题已转给食品安全工作组处理（个案 #{ $case }）。

duty-typed-note = 📎 备注已记入这一项。
duty-typed-photo = 📷 照片已记入这一项。
duty-typed-said = 已记下学生的意见。
duty-typed-detail = 已记下不良反应的情况。
duty-typed-use-buttons = 请用下面的按钮继续。
duty-typed-empty = 内容是空的，请重新输入。
duty-typed-too-long = 内容太长了，请精简后再发送。
duty-typed-too-many-photos = 这一项最多 { $max } 张照片。

## A submitted record

duty-record-title = <b>陪餐记录 #{ $id }</b>（第 { $version } 版）· { $date } { $meal }
duty-record-signed = 陪餐人：{ $name }，{ $started } 开始，{ $finished } 提交
duty-record-check-ok = ✅ { $check }
duty-record-check-bad = ❌ { $check }
duty-record-note = ：{ $note }
duty-record-samples = 留样：已确认 { $kept }；未确认 { $missing }
duty-record-said = 学生意见：{ $words }
duty-record-case = 个案 #{ $id }：{ $status }
duty-history-title = <b>历史版本</b>
duty-history-line = #{ $id } 第 { $version } 版 · { $name } { $time } { $current }
duty-fix-button = 更正（保存为新版本）
duty-fix-start = 更正陪餐记录 #{ $id }：原来的回答已标为“当前”，请逐项确认或修改。原记录会保留在历史版本里。

## The food-safety group's case (plain text)

duty-card-record = 陪餐记录 #{ $id }
duty-card-from = 陪餐人：{ $name }
duty-card-words = 发现的问题：
fb-cat-duty = 陪餐检查发现问题
duty-case-check = 不合格：{ $check } { $note }
duty-case-poor = 评价为“差”：{ $aspect }
duty-case-adverse = 学生不良反应：{ $detail }

## Scheduled messages

duty-reminder = ⏰ 今天{ $meal }（{ $time }）由您陪餐。请提前半小时到食堂检查，并在这里填写陪餐记录。
duty-missing = ⚠️ { $date } { $meal } 的陪餐记录还没有填写（陪餐人：{ $leader }）。
duty-week-title = <b>📋 本周陪餐记录情况</b>
duty-week-line = { $date } { $meal } · { $leader }：{ $state }

duty-digest-title = <b>🍽 今日陪餐简报 · { $date }</b>
duty-digest-meal = <b>{ $meal }</b>：{ $name }和孩子们一起就餐
duty-digest-all-ok = ✅ 厨房 { $count } 项检查全部合格
duty-digest-bad = ❌ { $check }不合格
duty-digest-adverse = ⚠️ 有孩子出现不适，学校正在处理
duty-digest-case = 处理进度（个案 #{ $id }）：{ $status }
duty-digest-photo = 📷 今天的厨房
duty-settings-digest-on = 晚间陪餐简报：已开启
duty-settings-digest-off = 晚间陪餐简报：已关闭
duty-settings-turn-off = 关闭陪餐简报
duty-settings-turn-on = 开启陪餐简报

## python -m bot duty import / export

duty-import-problems = 陪餐安排有 { $count } 处问题，没有导入任何内容：
duty-import-problem-header = 第 { $row } 行：表头应为 日期,餐次,陪餐领导[,陪餐教师]（现在是“{ $value }”）
duty-import-problem-date = 第 { $row } 行：日期“{ $value }”无法识别
duty-import-problem-meal = 第 { $row } 行：餐次“{ $value }”不是学校供应的餐次
duty-import-problem-leader = 第 { $row } 行：“{ $value }”不是陪餐值班领导（请先用 /grant 用户ID duty 授予角色）
duty-import-problem-ambiguous = 第 { $row } 行：有不止一位陪餐值班领导叫“{ $value }”，请改用 Telegram 用户 ID
duty-import-problem-teacher = 第 { $row } 行：陪餐教师“{ $value }…”太长
duty-import-problem-duplicate = 第 { $row } 行：{ $value } 重复安排了
duty-import-problem-empty = 文件里没有任何陪餐安排
duty-import-problem-too-many = 行数太多（{ $value } 行）
duty-import-problem-unreadable = 文件无法读取为 CSV：{ $value }
duty-import-done = 已导入 { $count } 条陪餐安排。
duty-export-done = 已把 { $records } 份陪餐记录（{ $checks } 项检查）导出到 { $file }。
duty-export-records = 陪餐记录
duty-export-checks = 检查项目
duty-export-record-columns = 记录编号|日期|餐次|版本|更正自|陪餐人|开始时间|提交时间|饭菜质量|食堂卫生|就餐秩序|服务|学生意见|不良反应|不良反应情况|留样确认|照片数|个案编号
duty-export-check-columns = 记录编号|日期|餐次|版本|序号|检查项目|结果|备注|照片数
duty-export-ok = 合格
duty-export-bad = 不合格
duty-export-yes = 有
duty-export-no = 无
