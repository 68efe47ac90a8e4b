## 家长陪餐: parents eat with the students (/peican)

cmd-peican = 家长陪餐报名
fb-cat-peican = 家长陪餐记录

pc-when = { $date } { $meal }
pc-status-pending = 等待学校审核
pc-status-approved = 已通过
pc-status-declined = 未通过
pc-status-cancelled = 已取消
pc-day-open = 开放报名
pc-day-closed = 已停止报名
pc-unknown-parent = （家长已删除资料）

pc-title = 🍱 <b>家长陪餐</b>
    学校邀请家长到食堂和孩子们一起用餐，看看后厨和就餐情况，餐后在这里填写一份陪餐记录。
pc-mine = <b>我的报名：</b>
pc-mine-line = • { $when }：{ $status }
pc-open-days = <b>可以报名的日子</b>（点一下即可报名）：
pc-no-days = 目前没有开放报名的陪餐日，学校开放后就可以在这里报名。
pc-admin-hint = 管理员：/peican open 2026-12-10 午餐 4 开放陪餐日（4 个名额），/peican list 查看报名，/peican close 编号 停止报名，/peican show 编号 查看完整记录。
pc-button-day = { $when }（剩 { $left } 个名额）
pc-button-cancel = 取消 { $when } 的报名
pc-button-record = 📝 填写陪餐记录
pc-usage-parent = 发送 /peican 查看可以报名的家长陪餐日并报名。
pc-usage-admin =
    用法：
    /peican open 日期 餐次 名额 — 开放陪餐日，例如 /peican open 2026-12-10 午餐 4 或 /peican open 12月10日 午餐 4
    /peican list — 查看陪餐日和报名
    /peican close 编号 — 停止报名（已通过的报名不受影响）
    /peican show 编号 — 这一天的完整记录（报名、审核、提醒、陪餐记录）

pc-open-usage = 请这样写：/peican open 2026-12-10 午餐 4（日期、餐次、名额）。
pc-open-date = 没看懂这个日期。可以写 2026-12-10 或 12月10日。
pc-open-past = 这一天已经过去了，请选今天或以后的日子。
pc-open-meal = 没有这个餐次。请写学校供应的餐次，例如“午餐”。
pc-open-seats = 名额请写 1 到 50 之间的数字。
pc-open-below-approved = 名额不能少于已经通过的家长人数。请先查看 /peican list。
pc-opened = ✅ 已开放家长陪餐 #{ $id }：{ $when }，{ $seats } 个名额。家长发送 /peican 即可报名。
pc-closed = 已停止 #{ $id }（{ $when }）的报名；已通过的家长照常参加。
pc-close-unknown = 没有找到正在报名的陪餐日 #{ $id }。发送 /peican list 查看编号。
pc-list-empty = 今天及以后还没有家长陪餐日，可以用 /peican open 开放。
pc-list-title = <b>家长陪餐安排</b>
pc-list-day = <b>#{ $id } { $when }</b>（{ $status }）：{ $seats } 个名额，已通过 { $approved } 人，待审核 { $pending } 人
pc-list-application = • { $name }，电话 { $phone }：{ $status }

pc-apply-gone = 这一天已经不能报名了（名额已满或已停止报名）。
pc-apply-not-parent = 家长陪餐需要先登记孩子。请先用班级邀请链接加入（老师会发在班级群里），再来报名。
pc-apply-already = 您已经报名了这一天。
pc-ask-phone = 为了方便门卫登记，请发送您的手机号（11 位），或点下面的按钮分享您的号码。
pc-button-share-phone = 📱 分享我的手机号
pc-phone-invalid = 这个号码看起来不对。请发送 11 位手机号，例如 13812345678，或点按钮分享您的号码。
pc-applied = ✅ 已提交 { $when } 的家长陪餐报名，学校审核后会在这里通知您。
pc-told-approved = 🎉 您报名的家长陪餐（{ $when }）已通过。当天我们会提醒您，请提前到学校门口登记。
pc-told-declined = 很抱歉，您报名的家长陪餐（{ $when }）这次没有安排上。欢迎报名其他日子（/peican）。
pc-cancelled = 已取消 { $when } 的家长陪餐报名。
pc-cancel-too-late = 陪餐当天不能在这里取消了。如有变化，请直接联系学校。
pc-cancel-gone = 这个报名已经不能取消了。

pc-admin-new = 🍱 <b>家长陪餐报名</b>：{ $name } 报名 { $when }
pc-admin-phone = 手机号：{ $phone }
pc-admin-seats = 共 { $seats } 个名额，已通过 { $approved } 人。
pc-button-approve = ✅ 通过
pc-button-decline = ❌ 不通过
pc-admin-decided = { $name } 报名 { $when }：<b>{ $status }</b>（{ $who }）
pc-admin-cancelled = 🍱 { $name } 取消了 { $when } 的家长陪餐，空出 1 个名额。
pc-decided-already = 这个报名已经处理过了：{ $status }（{ $who }）。
pc-decision-full = 名额已满，不能再通过了。如需增加名额，请用 /peican open 重新设置。
pc-decision-past = 这一天已经过去了。
pc-decision-unknown = 没有找到这个报名。

pc-reminder = 🍱 今天是您的家长陪餐日：{ $when }。请提前到学校门口登记，用餐后在这里填写陪餐记录。谢谢！
pc-record-request = 📝 感谢您参加 { $when } 的家长陪餐！请花一分钟填写陪餐记录：

pc-grade-excellent = 优
pc-grade-good = 良
pc-grade-fair = 中
pc-grade-poor = 差
pc-aspect-hygiene = 食堂卫生状况
pc-aspect-order = 就餐秩序
pc-aspect-staff = 食堂员工的工作
pc-aspect-quality = 饭菜质量

pc-record-title = 📝 <b>家长陪餐记录</b>：{ $when }
pc-record-graded = { $aspect }：{ $grade }
pc-record-ask = 请评价<b>{ $aspect }</b>：
pc-record-ask-note = <b>其他情况说明</b>：您还看到了什么、有什么建议？请直接输入文字，没有可以点“跳过”。
pc-record-note = 其他情况说明：{ $note }
pc-record-no-note = 其他情况说明：无
pc-record-ask-photos = 可以发几张照片（已收到 { $count } 张，最多 { $max } 张），发完点“完成”。
pc-record-photos = 照片：{ $count } 张
pc-record-confirm = 确认无误请点“提交”。
pc-record-confirm-case = 评为“差”的项目会转给学校食品安全工作组处理。确认无误请点“提交”。
pc-button-skip = 跳过
pc-button-done = 完成
pc-button-send = ✅ 提交
pc-record-cancelled = 已取消。需要时发送 /peican 重新填写陪餐记录。
pc-record-sent = ✅ 陪餐记录已提交，谢谢您！学校食品安全工作组会看到您的记录。
pc-record-sent-case = ✅ 陪餐记录已提交，谢谢您！评为“差”的项目已转给学校食品安全工作组（编号 #{ $id }），处理结果会在这里告诉您。
pc-record-unsupported = 请发送文字或照片，或点上面的按钮。
pc-photo-full = 照片最多 { $max } 张，再发的就不收了。
pc-note-too-long = 说明最多 { $max } 个字，请精简一下再发。
pc-note-empty = 请输入文字说明，或点“跳过”。
pc-note-not-now = 请点上面的按钮继续。
pc-start-unknown = 没有找到您已通过的陪餐报名。
pc-start-too-early = 用餐开始后才能填写陪餐记录。
pc-start-recorded = 这次陪餐的记录已经提交过了，谢谢！

pc-case-grade = { $aspect }：{ $grade }
pc-case-note = 其他情况说明：{ $note }
pc-card-title = 🍱 <b>家长陪餐记录 #{ $id }</b>：{ $when }，{ $name }

pc-digest-title = 🍱 <b>今天的家长陪餐</b>（{ $count } 份记录）
pc-digest-grade = { $aspect }{ $grade }
pc-digest-line = • { $meal }：{ $grades }
pc-digest-note = 　家长说：{ $note }
pc-digest-case = 　已转给食品安全工作组处理（#{ $id }，{ $status }）

pc-show-unknown = 没有找到陪餐日 #{ $id }。发送 /peican list 查看编号。
pc-show-none = 还没有家长报名。
pc-show-event = 　{ $time } { $what }
pc-show-record = 　📝 陪餐记录 #{ $id }：
pc-show-case = 已转为个案 #{ $id }（在工作组发送 /case { $id } 查看）
pc-event-applied = 报名
pc-event-approved = 通过
pc-event-declined = 未通过
pc-event-cancelled = 家长取消
pc-event-reminded = 当天提醒已发送
pc-event-record-asked = 已请家长填写记录
pc-event-recorded = 提交陪餐记录
pc-record-sent-case-later = ✅ 陪餐记录已保存，谢谢您！评为“差”的项目会尽快转给学校食品安全工作组（编号 #{ $id }），处理结果会在这里告诉您。
