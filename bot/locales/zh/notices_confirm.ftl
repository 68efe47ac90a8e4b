## Notices parents confirm (已阅), the reminder to those who have not, and "你说我改" notices.

notice-changed-ask =
    💬 <b>你说我改</b>：请先发送家长提的意见或建议（可以引用测评结果、个案或家长对菜品的评价，最多 { $max } 字），
    再发送学校做了哪些改进。随时可以发送 /cancel 取消。
notice-changed-asked-bad = 请用文字写下家长提的意见，最多 { $max } 字。
notice-changed-ask-body = 好的。现在请发送学校做了哪些改进：可以是文字，也可以是一张带说明的图片或一个文件。
notice-changed-header = 💬 <b>你说我改 · { $school }</b>
notice-changed-asked = <b>家长的意见：</b>
notice-changed-done = <b>我们的改进：</b>

notice-confirm-asks = ☑️ 通知下方会有“已阅”按钮，发送后可以查看家长的确认情况。
notice-confirm-asks-not = 不需要家长确认已阅。
notice-button-confirm-on = ☑️ 请家长确认已阅
notice-button-confirm-off = ✖️ 不需要确认已阅

notice-button-seen = ✅ 已阅
notice-button-seen-done = ✅ 已确认
notice-seen-thanks = 已确认，谢谢您！
notice-seen-already = 您已经确认过了，谢谢！
notice-reminder-note = ⏰ <b>提醒：</b>这条通知请您读后点下方的“已阅”确认一下。
notice-report-confirmed = 已阅 { $confirmed } 位 · 未阅 { $waiting } 位

notice-rates-title = <b>☑️ 需要确认的通知</b>
notice-rates-empty = 最近没有需要家长确认已阅的通知。
notice-rates-item =
    🗓 <b>{ $date }</b> { $body }
    已阅 { $confirmed }/{ $sent }（{ $rate }）
notice-rates-reminded = 未阅的家长已提醒过。
notice-button-remind = 🔔 提醒未阅的 { $count } 位家长
notice-remind-sent = 已提醒 { $count } 位未阅的家长。
notice-remind-already = 这条通知已经提醒过了，每条通知只提醒一次。
