## Feedback: ratings, the guided report, cases, the food-safety group

# ---- categories, onsets, statuses ----
fb-cat-taste = 口味
fb-cat-portion = 份量
fb-cat-temperature = 温度
fb-cat-hygiene = 卫生
fb-cat-foreign_object = 异物
fb-cat-illness = 疑似身体不适
fb-cat-allergy = 过敏反应
fb-cat-service = 服务
fb-cat-praise = 表扬
fb-cat-other = 其他
fb-onset-1h = 用餐后 1 小时内
fb-onset-6h = 用餐后 1–6 小时
fb-onset-24h = 用餐后 6–24 小时
fb-onset-later = 超过 24 小时
fb-onset-unsure = 不确定
fb-unsure = 不确定
fb-unknown = 未登记
fb-status-recorded = 📝 已记录
fb-status-open = 🔴 待确认
fb-status-acknowledged = 🟡 已确认，处理中
fb-status-answered = 💬 已答复
fb-status-resolved = ✅ 已结案
fb-fu-recovered = 已经好了
fb-fu-unwell = 还不舒服
fb-fu-doctor = 已去就医
fb-photo-marker = 📷 照片

# ---- one-tap ratings ----
fb-rated = 已记录：{ $meal } { $face }
fb-rated-children = 已为 { $count } 个孩子记录：{ $meal } { $face }
fb-rate-future = 这一餐还没到，用餐后再来评分吧。
fb-rate-no-meal = 菜单上没有这一餐（或者已经过了 14 天），不能评分了。
fb-low-rating = 😔 抱歉，{ $meal }没能让孩子满意。愿意详细说说吗？您的反馈会送到学校食品安全工作组。
fb-button-more = 📝 详细说说

# ---- the guided report ----
fb-draft-title = 📝 <b>用餐反馈</b>
fb-draft-summary = { $summary }
fb-ask-child = 这次反馈是关于哪个孩子？
fb-ask-date = 是哪一天的餐？
fb-ask-date-pick = 请选择日期：
fb-ask-meal = 是哪一餐？
fb-ask-dish = 是哪道菜？不是某一道菜或不确定，请点“整餐 / 不确定”。
fb-ask-category = 属于哪一类问题？
fb-ask-rating = 给这一餐打个分吧（😋 最好，😣 最差）：
fb-ask-affected = 有几个孩子出现了症状？点按钮，或直接发送人数。
fb-ask-onset = 症状大约什么时候开始？点按钮，或直接用文字描述。
fb-ask-text = 请用文字描述一下情况（也可以直接发照片，照片说明会加到描述里）。
fb-ask-photos = 可以发送照片，最多 { $max } 张（已收到 { $count } 张）。发完或没有照片，请点“完成”。
fb-ask-anonymous = 提交时是否显示您的名字？选择匿名时，工作组看不到您的名字，但仍能通过机器人回复您。
fb-button-child-none = 不是某一个孩子 / 多个孩子
fb-button-today = 今天 { $date }
fb-button-yesterday = 昨天 { $date }
fb-button-pick-date = 更早的日期…
fb-button-no-dish = 整餐 / 不确定
fb-button-skip = 跳过
fb-button-done = ✅ 完成
fb-button-named = 👤 署名提交
fb-button-anonymous = 🕶 匿名提交
fb-button-send = ✅ 提交
fb-preview-title = <b>请确认您的反馈：</b>
fb-preview-confirm = 确认无误请点“提交”。
fb-line-meal = 用餐：{ $date } { $meal }
fb-line-dish = 菜品：{ $dish }
fb-line-category = 类别：{ $category }
fb-line-rating = 评分：{ $face }（{ $score }/5）
fb-line-affected = 出现症状的孩子：{ $count } 人
fb-line-onset = 症状开始：{ $onset }
fb-line-photos = 照片：{ $count } 张
fb-line-text = 描述：
fb-line-anonymous = 提交方式：匿名
fb-line-named = 提交方式：署名
fb-submitted-flagged =
    ✅ 已收到您的反馈，编号 <b>#{ $id }</b>。
    已转给学校食品安全工作组，处理的每一步都会通知您。发送 /myreports 可以查看进度。
fb-submitted-unreachable =
    ✅ 已收到您的反馈，编号 <b>#{ $id }</b>。
    学校食品安全工作组暂时联系不上，已通知管理员；联系上后会立即转交，处理的每一步都会通知您。发送 /myreports 可以查看进度。
fb-submitted-retrying =
    ✅ 已收到您的反馈，编号 <b>#{ $id }</b>。
    转给学校食品安全工作组时网络不畅，机器人会自动重试直到送达，您不用再发一次。处理的每一步都会通知您，发送 /myreports 可以查看进度。
fb-group-unreachable-admin = ⚠️ <b>机器人联系不上食品安全工作组</b>（{ $reason }）。需要转交的反馈先存着，机器人回到群里后会自动补发。请把机器人重新加入工作组，或检查 FOOD_SAFETY_CHAT_ID。
fb-submitted = ✅ 已记录您的反馈，编号 <b>#{ $id }</b>。谢谢！学校会定期汇总查看所有反馈。
fb-submitted-praise = 💐 谢谢您的表扬（#{ $id }）！我们会转告食堂。
fb-unsupported = 这类消息不能加到反馈里，请发送文字或照片。
fb-too-long = 描述太长了（最多 { $max } 个字），请精简一些再发送。
fb-problem-use-buttons = 请点下面消息里的按钮选择；发送 /cancel 可以取消这次反馈。
fb-problem-not-a-number = 请发送人数（数字），或点按钮。
fb-problem-empty = 请发送文字内容。
fb-text-added = ✏️ 已补充到描述中。
fb-photo-added = 📷 已添加照片（{ $count }/{ $max }）。
fb-photo-full = 最多只能附 { $max } 张照片，这张没有添加。
fb-expired = ⌛ 您的反馈 30 分钟没有完成，已自动取消。需要时请发送 /feedback 重新开始。

# ---- outside any flow ----
fb-offer =
    要把这条消息作为用餐反馈发给学校吗？点下面的按钮，我会带您补充日期、餐次等信息。
    想看我还能做什么，请发送 /help。
fb-button-file = 📝 作为反馈提交

# ---- /myreports ----
fb-myreports-empty = 您还没有提交过反馈。发送 /feedback 开始。
fb-myreports-title = <b>我的反馈</b>（最近 { $count } 条）：
fb-myreports-line = <b>#{ $id }</b> · { $date } { $meal } · { $category } · { $status }
fb-myreports-note = 　处理说明：{ $note }

# ---- status changes, replies and the follow-up (to the parent) ----
fb-notify-acknowledged = 👀 您的反馈 #{ $id } 已由学校食品安全工作组确认，正在处理。
fb-notify-resolved =
    ✅ 您的反馈 #{ $id } 已处理完毕。
    处理说明：
# To a duty leader about the case their 陪餐 record opened.
fb-notify-acknowledged-duty = 👀 您的陪餐记录转出的个案 #{ $id } 已由食品安全工作组确认，正在处理。
fb-notify-resolved-duty =
    ✅ 您的陪餐记录转出的个案 #{ $id } 已处理完毕。
    处理说明：
fb-relay-to-parent-duty = 💬 <b>食品安全工作组</b>就您的陪餐记录（个案 #{ $id }）回复：
fb-relay-photo-duty = 💬 <b>食品安全工作组</b>就您的陪餐记录（个案 #{ $id }）发来一张照片（直接回复这条消息即可继续沟通）
fb-thanks = 感谢您的反馈！
fb-relay-to-parent = 💬 <b>食品安全工作组</b>回复了您的反馈 #{ $id }：
fb-relay-hint = <i>直接回复这条消息即可继续沟通。</i>
fb-relay-photo = 💬 <b>食品安全工作组</b>就您的反馈 #{ $id } 发来一张照片（直接回复这条消息即可继续沟通）
fb-reply-sent = ✅ 已转给食品安全工作组。
fb-reply-failed = 抱歉，暂时没能转给工作组，请稍后再试。
fb-followup =
    🩺 您好！关于您的反馈 #{ $id }（{ $date } { $meal }）：孩子现在身体怎么样了？
    请点下面的按钮，或直接回复这条消息告诉我们。
fb-followup-answered =
    🩺 反馈 #{ $id } 回访
    您的回答：{ $answer }
fb-followup-thanks = 谢谢，已转告食品安全工作组。

# ---- the group: cards ----
fb-card-title = ⚠️ <b>反馈 #{ $id }</b>
fb-card-title-urgent = 🚨 <b>紧急 · 反馈 #{ $id }</b>
fb-card-class = 班级：{ $class }
fb-card-keywords = 关键词：{ $words }
fb-card-from = 家长：{ $name }
fb-card-anonymous = 家长：匿名（回复这张卡片仍能联系到家长）
fb-card-no-words = 家长没有填写文字描述。
fb-card-words = 家长原话：
fb-card-words-below = 家长原话较长，见下面 { $count } 条消息。
fb-words-part = 📝 <b>#{ $id } 家长原话（{ $part }/{ $total }）</b>
fb-card-status = 状态：{ $status }
fb-card-acknowledged = 确认：{ $who }（{ $time }）
fb-card-replies = 已回复家长 { $count } 次（最近：{ $who }）
fb-card-escalated = ⏰ 已超时提醒 { $count } 次
fb-card-resolved =
    结案：{ $who }（{ $time }）
    处理说明：{ $note }
fb-card-hint = <i>回复这条消息即可答复家长；处理完请点“结案”。</i>
fb-button-ack = 👀 确认收到
fb-button-resolve = ✅ 结案
fb-button-ack-case = 👀 确认 #{ $id }
fb-case-line = #{ $id } { $icon } { $class } · { $date } { $meal } · { $category } · { $status }

# ---- the group: buttons, replies, resolution ----
fb-not-member = 只有食品安全工作组的成员可以处理个案。
fb-case-unknown = 找不到这件个案，按钮可能已经失效了。
fb-ack-done = 已确认 #{ $id }，已通知家长。
fb-already-acknowledged = #{ $id } 已由 { $who } 确认。
fb-already-resolved = #{ $id } 已由 { $who } 结案。
fb-resolve-asked = 请在群里发送处理说明（直接发或回复提示都行），或再点一次“结案”不写说明直接结案。
fb-mention = <a href="tg://user?id={ $user }">{ $name }</a>
fb-resolve-prompt = ✍️ { $who }，请在 { $minutes } 分钟内直接发送 #{ $id } 的处理说明（一两句话，会转给家长）；不需要说明的话，再点一次“结案”即可。
fb-resolve-placeholder = 处理说明
fb-resolve-need-text = 请用文字回复处理说明。
fb-resolved-done = ✅ #{ $id } 已结案，处理说明已发给家长。
fb-resolved-not-told = ✅ #{ $id } 已结案；家长已屏蔽机器人或删除了数据，没能通知到家长。
fb-relay-unsupported = 目前只能把文字和照片转给家长。
fb-relay-failed = ⚠️ 没能把回复送达家长（家长可能已屏蔽机器人或删除了数据）。
fb-parent-reply = 💬 <b>家长回复 #{ $id }</b>：
fb-followup-to-group = 🩺 <b>#{ $id } 24 小时回访</b>：

# ---- the group: /case, /cases ----
fb-case-usage = 用法：/case 编号，例如 /case 12
fb-case-not-found = 没有转到工作组的 #{ $id } 号个案。
fb-history-title = 📜 <b>#{ $id } 处理记录</b>
fb-event-line = { $time } · { $what }
fb-event-who = （{ $who }）
fb-event-detail = ：{ $detail }
fb-event-created = 家长提交
fb-event-forwarded = 转到工作组
fb-event-batched = 并入集体事件汇总
fb-event-cluster = 列入可能的集体事件
fb-event-acknowledged = 确认收到
fb-event-replied = 回复家长
fb-event-parent-replied = 家长回复
fb-event-resolved = 结案
fb-event-escalated = 超时提醒（第 { $level } 次）
fb-event-follow-up-sent = 发送 24 小时回访
fb-event-follow-up = 家长回访答复
fb-cases-empty = 🎉 目前没有还没结案的个案。
fb-cases-title = 📋 <b>未结个案（{ $count } 件）</b>

# ---- escalation and outbreaks ----
fb-escalation = ⏰ <b>提醒：以下 { $count } 件个案超过 { $minutes } 分钟仍未确认</b>
fb-escalation-admin-end = 请督促食品安全工作组处理。
fb-cluster-alert =
    🚨🚨 <b>可能的集体事件</b>
    { $date } { $meal }：2 小时内已收到 { $count } 份疑似身体不适或异物的报告：
fb-cluster-alert-end = 请立即核查留样、启动应急预案。同一餐的后续报告将每分钟汇总一次发送。
fb-cluster-summary = 🧾 <b>{ $date } { $meal }：新增 { $count } 份相关报告</b>（发送 /case 编号 查看并处理）

# ---- the group moved (Telegram upgraded it to a supergroup) ----
fb-group-moved =
    ℹ️ 本群已升级为超级群组，食安家长通也跟了过来：新的个案卡片、超时提醒和集体事件提醒都会发到这里。
    之前的个案有新进展时，它的卡片会在这里重新发出；发送 /cases 查看还没结案的个案。
