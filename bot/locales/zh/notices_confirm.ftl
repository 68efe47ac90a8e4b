## Notices parents confirm (已阅), the reminder to those who have not, and "你说我改" notices.

notice-changed-ask =
    💬 <b>你说我改</b>：先请发送家长提出的意见或建议（可引用测评结果、个案或对菜品的反映，最多 { $max } 字）。
    随后再发送我们做了哪些改进。随时发送 /cancel 取消。
notice-changed-asked-bad = 请用文字写出家长提出的意见，最多 { $max } 字。
notice-changed-ask-body = 好的。现在请发送我们做了哪些改进（文字，或带说明文字的一张图片或一个文件）。
notice-changed-header = 💬 <b>你说我改 · { $school }</b>
notice-changed-asked = <b>家长的意见：</b>
notice-changed-done = <b>我们的改进：</b>

notice-confirm-asks = ☑️ 家长会看到“已阅”按钮，发送后可查看确认情况。
notice-confirm-asks-not = 家长无需确认已阅。
notice-button-confirm-on = ☑️ 请家长确认已阅
notice-button-confirm-off = ✖️ 不需要确认已阅

notice-button-seen = ✅ 已阅
notice-button-seen-done = ✅ 已确认已阅
notice-seen-thanks = 已确认，谢谢您！
notice-seen-already = 您已经确认过了，谢谢！
notice-reminder-note = ⏰ <b>提醒：</b>这条通知需要您确认已阅，请阅读后点下方的“已阅”。
notice-report-confirmed = 已阅 { $confirmed } · 未阅 { $waiting }

notice-rates-title = <b>☑️ 需要确认的通知</b>
notice-rates-empty = 最近没有需要家长确认已阅的通知。
notice-rates-item =
    🗓 <b>{ $date }</b> { $body }
    已阅 { $confirmed }/{ $sent }（{ $rate }）
notice-rates-reminded = 已提醒过未阅的家长。
notice-button-remind = 🔔 提醒未阅的 { $count } 位家长
notice-remind-sent = 已提醒 { $count } 位未阅的家长。
notice-remind-already = 这条通知已经提醒过了，每条通知只提醒一次。
