## School notices: /notice (administrators compose and send), /notices (parents read).

notice-ask =
    📝 请发送通知内容：
    • 纯文字（最多 { $text_max } 字），或
    • 一张图片或一个文件，并附上说明文字作为通知正文（最多 { $caption_max } 字）。
    之后可以选择发送范围并预览。随时发送 /cancel 取消。
notice-empty = 通知内容不能为空。请发送文字；发送图片或文件时，请附上说明文字作为通知正文。
notice-too-long = 通知太长了：{ $length } 字，最多 { $max } 字。请精简后重新发送。
notice-unsupported = 抱歉，通知只能是文字，或带说明文字的一张图片或一个文件。贴纸、语音、视频等无法作为通知发送，请重新发送。
notice-album = 一条通知只能带一张图片或一个文件。请只发送一张图片（附说明文字）。
notice-use-buttons = 请用上方的按钮继续，或发送 /cancel 取消。要修改内容，请发送 /notice 重新开始。

notice-pick-audience = 👥 这条通知发给谁？
notice-button-all = 全体家长
notice-button-grade = 按年级
notice-button-class = 按班级
notice-button-allergen = 按过敏原
notice-pick-grade = 选择年级：
notice-pick-class-grade = 选择班级所在的年级：
notice-pick-class = 选择 <b>{ $grade }</b> 的班级：
notice-pick-allergen = 发给孩子对哪种过敏原过敏的家长？
notice-no-classes = 学校还没有设置班级，只能发给全体家长。
notice-audience-chosen = 👥 发送范围：{ $audience }

notice-to-all = 全体家长
notice-to-grade = { $grade }全体家长
notice-to-class = { $class }的家长
notice-to-allergen = 孩子对{ $allergen }过敏的家长

notice-confirm =
    👆 以上是家长将收到的通知（预览）。
    发送范围：{ $audience }，共 { $count } 位家长。
    确认发送吗？
notice-confirm-nobody =
    👆 以上是通知预览。
    发送范围：{ $audience } —— 目前没有符合条件的家长，无法发送。请更换发送范围，或取消。
notice-button-send = 📤 发送给 { $count } 位家长
notice-button-change = 👥 更换发送范围

notice-progress =
    📤 正在发送通知（{ $audience }）：{ $done }/{ $total }
    送达 { $sent } · 已屏蔽 { $blocked } · 失败 { $failed }
notice-report =
    ✅ 通知发送完毕（{ $audience }，共 { $total } 位家长）
    送达：{ $sent } 位
    已屏蔽机器人：{ $blocked } 位
    失败：{ $failed } 位
notice-report-failures =
    失败原因：
    { $lines }
notice-report-failure = • <code>{ $chat }</code>：{ $reason }
notice-report-more = ……另有 { $count } 位没有送达

notice-message-header = 📢 <b>{ $school }通知</b>
notice-message-footer = 🗓 { $date }

notice-list-title = <b>📢 近期学校通知</b>
notice-list-item =
    🗓 <b>{ $date }</b>{ $mark }
    { $body }
notice-mark-photo = （附图片）
notice-mark-document = （附文件）
notice-list-empty = 目前还没有发给您的学校通知。有新通知时，我会第一时间发给您。
