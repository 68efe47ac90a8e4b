## The termly satisfaction survey (满意度测评): /survey (administrators), parents answering, results.

cmd-survey = 满意度测评（管理员）
cmd-changed = 发布“你说我改”（管理员）

survey-item-quality = 饭菜质量
survey-item-taste = 口味
survey-item-nutrition = 营养搭配
survey-item-price = 价格
survey-item-canteen_hygiene = 食堂卫生
survey-item-tableware_hygiene = 餐具卫生
survey-item-service = 服务态度
survey-item-order = 就餐秩序
survey-item-recommend = 推荐意愿

survey-question-quality = 您对食堂饭菜的质量满意吗？
survey-question-taste = 您对饭菜的口味满意吗？
survey-question-nutrition = 您对饭菜的营养搭配满意吗？
survey-question-price = 您对饭菜的价格满意吗？
survey-question-canteen_hygiene = 您对食堂的环境卫生满意吗？
survey-question-tableware_hygiene = 您对餐具的清洁卫生满意吗？
survey-question-service = 您对食堂工作人员的服务态度满意吗？
survey-question-order = 您对学生的就餐秩序满意吗？
survey-question-recommend = 您愿意向其他家长推荐我们学校的食堂吗？

survey-scale-1 = 1 · 非常不满意
survey-scale-2 = 2 · 不满意
survey-scale-3 = 3 · 一般
survey-scale-4 = 4 · 满意
survey-scale-5 = 5 · 非常满意
survey-hint-scale = 请点下面的按钮选择。
survey-hint-recommend = 请打一个分：{ $low } 分是完全不会推荐，{ $high } 分是一定会推荐。

survey-setup =
    📋 <b>开始本学期的家长满意度测评</b>
    问卷会发给所有已加入的家长，家长点按钮作答，提交后匿名保存。

    测评项目（点按钮可以去掉或加回）：
    { $items }
    另有一道选填的建议题。

    截止时间：<b>{ $date }</b> 20:00（截止前两天会提醒还没填完的家长）
survey-button-days = { $days } 天
survey-button-start = 📤 开始测评
survey-use-buttons = 请用上面的按钮设置测评，或发送 /cancel 取消。
survey-keep-one = 至少要保留一个测评项目。
survey-nobody = 还没有家长加入，测评发不出去。
survey-open-elsewhere = 已经有一份测评正在进行，同一时间只能有一份。发送 /survey results 查看结果。
survey-started = ✅ 测评已开始，正在发给 { $count } 位家长，{ $date } 20:00 截止。截止时结果会发到食品安全工作组；随时可以发送 /survey results 查看。
survey-already-open =
    📋 本学期的测评正在进行：已有 { $responses }/{ $recipients } 位家长提交，{ $date } 20:00 截止。
    发送 /survey results 查看目前的结果。
survey-usage = 用法：/survey 开始本学期的测评；/survey results 查看结果。
survey-none-yet = 还没有进行过满意度测评。发送 /survey 开始。

survey-invitation =
    📋 <b>{ $school }家长满意度测评</b>
    为了把孩子的伙食办得更好，请您花两分钟给食堂打个分。共 { $count } 道选择题，另有一道选填的建议题。
    您的回答匿名保存：提交后不再和您的账号关联。
    截止时间：{ $date } 20:00
survey-button-go = ✍️ 开始填写
survey-reminder =
    ⏰ 家长满意度测评 <b>{ $date } 20:00</b> 截止，您还没有填完。
    点下面的按钮接着填，之前的回答都还在。
survey-button-continue = ✍️ 继续填写
survey-question =
    📋 满意度测评（{ $number }/{ $total }）

    <b>{ $question }</b>
    { $hint }
survey-button-back = ⬅️ 上一题
survey-button-skip = 跳过
survey-ask-suggestion =
    📋 最后一题（选填）

    <b>您对食堂还有什么意见或建议？</b>
    请直接发送文字（最多 { $max } 字）。没有的话，点“跳过”。
survey-suggestion-noted = ✍️ 建议已记下。请在上面的问卷里点“匿名提交”。
survey-suggestion-bad = 建议请用文字发送，最多 { $max } 字。
survey-answer-line = { $item }：{ $score }
survey-your-suggestion = 您的建议：{ $text }
survey-no-suggestion = 没有填写建议。
survey-confirm =
    📋 <b>请确认您的回答</b>

    { $answers }

    { $suggestion }

    提交后将匿名保存，不能再修改。
survey-button-submit = ✅ 匿名提交
survey-thanks = 🙏 感谢您参与测评！您的回答已匿名保存。测评结果和改进措施，学校会通过通知告诉大家。
survey-already-answered = 您已经提交过本次测评，谢谢您！
survey-closed = 本次测评已经结束，谢谢您的关心。
survey-stale = 已记下，请回答最新的一题。

survey-results-title =
    📊 <b>家长满意度测评结果</b>{ $term }
    { $first } 至 { $last }（{ $state }）
survey-state-open = 进行中
survey-state-closed = 已结束
survey-results-rate = 参与：{ $responses }/{ $recipients } 位家长（{ $rate }）
survey-results-first = 这是第一次测评，没有上次的结果可比。
survey-results-previous = 括号里是上次测评{ $term }的结果（{ $responses } 位家长参与，参与率 { $rate }）。
survey-result-item = <b>{ $item }</b>：平均 { $mean } 分 · 满意（4–5 分）{ $satisfied } · { $count } 人作答
survey-result-recommend = <b>{ $item }</b>（0–10 分）：平均 { $mean } 分 · 推荐（9–10 分）{ $satisfied } · { $count } 人作答
survey-result-before = （上次 { $mean } 分 · { $satisfied } { $arrow }）
survey-results-suggestions = { $count ->
        [0] 没有家长书面建议。
       *[other] 家长书面建议 { $count } 条，见下一条消息。
    }
survey-suggestions-title = 💬 <b>家长建议</b>（{ $count } 条，匿名）
survey-suggestion-line = { $number }. { $text }

# The results chart (drawn without a CJK font from the English texts).
survey-chart-title = 各项满意率（1–5 分项：4–5 分；推荐意愿：9–10 分）
survey-chart-x = 满意率（%）
survey-chart-now = 本次
survey-chart-before = 上次
survey-chart-caption = 📊 满意度测评：各项满意率
survey-chart-caption-compared = 📊 满意度测评：各项满意率（与上次测评对比）
