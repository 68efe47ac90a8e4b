## The weekly report (周报, /report and every Monday) and exports (/export).

cmd-report = 食安周报（本周 / 本月 / 本学期）
cmd-export = 导出数据表格（管理员）

report-title-week = 📊 <b>{ $school }食安周报</b>
report-title-month = 📊 <b>{ $school }食安月报</b>
report-title-term = 📊 <b>{ $school }食安学期报告 · { $term }</b>
report-span = { $first } 至 { $last }
report-usage = 用法：/report 或 /report week（本周）、/report month（本月）、/report term（本学期）。
report-no-term = 还没有设置学期，无法生成学期报告。请先用 /term 设置学期，或改用 /report week、/report month。

report-ratings-head = <b>⭐ 用餐评分</b>
report-ratings-none = 本期没有家长评分。
report-ratings-total = 共 { $count } 条评分，平均 <b>{ $average }</b> 分（满分 5 分）。
report-ratings-up = 比上期（{ $previous } 分，{ $count } 条）提高 { $delta } 分。
report-ratings-down = 比上期（{ $previous } 分，{ $count } 条）下降 { $delta } 分。
report-ratings-same = 与上期（{ $previous } 分，{ $count } 条）持平。
report-ratings-no-previous = 上期没有评分，无法比较。
report-ratings-meal = • { $meal }：{ $average } 分（{ $count } 条）
report-ratings-days = 每天平均：{ $days }
report-ratings-day = { $day } { $average } 分
report-dishes-best = 👍 评分最高的菜：{ $dishes }
report-dishes-worst = 👎 评分最低的菜：{ $dishes }
report-dish = { $name }（{ $average } 分）
report-dishes-note = 注：家长是给整餐打分的，一道菜的分数按它所在各餐的评分计算。

report-cases-head = <b>📝 家长反馈</b>
report-cases-none = 本期没有家长反馈问题。
report-cases-total = 共 { $count } 条：紧急 { $urgent } 条，其他转工作组处理的 { $flagged } 条，只做记录的 { $routine } 条。
report-cases-categories = 按类别：{ $categories }
report-cases-category = { $category } { $count } 条
report-cases-open = 还没结案的个案：{ $count } 件
report-cases-ack = 确认收到用时：中位数 { $median }，最慢 { $slowest }（已确认收到 { $count } 件）
report-cases-ack-none = 确认收到用时：本期还没有确认收到的个案
report-cases-resolve = 结案用时：中位数 { $median }，最慢 { $slowest }（已结案 { $count } 件）
report-cases-resolve-none = 结案用时：本期还没有结案的个案
report-cases-escalations = 超时未确认的提醒：{ $count } 次（涉及 { $cases } 件个案）
report-cases-outbreaks = 可能的集体事件提醒：{ $count } 次

report-minutes = { $minutes } 分钟
report-hours = { $hours } 小时 { $minutes } 分钟
report-days = { $days } 天 { $hours } 小时

report-duty-sep = ，
report-duty-state = { $state } { $count } 餐
report-duty-head = <b>🍽 陪餐</b>
report-duty-states = 陪餐安排：{ $states }
report-duty-records = 陪餐记录 { $records } 份；评价为“差”的 { $poor } 项，不良反应 { $adverse } 次，转为个案 { $cases } 件。
report-duty-failed-none = 检查项目全部合格。
report-duty-failed = 不合格项目：
report-duty-failed-item = • { $check }：{ $count } 次

report-reach-head = <b>📣 送达情况</b>
report-reach-parents = 家长：{ $active } 位正在接收（本期新加入 { $joined } 位），{ $stopped } 位已停止接收，{ $blocked } 位屏蔽了机器人。
report-reach-menus = 每日菜单送达：{ $count } 次
report-reach-notices-none = 本期没有发送通知。
report-reach-notices = 通知：
report-reach-notice = • { $date }“{ $excerpt }”：送达 { $sent } / { $recipients } 位，屏蔽 { $blocked } 位，失败 { $failed } 位
report-reach-notice-pending = ，还有 { $count } 位在发送中
report-reach-notice-confirmed = ，已阅 { $confirmed } 位（{ $rate }）

report-charts-caption = 📈 { $first } 至 { $last }：本学期每周评分、家长反馈类别、确认收到用时
report-charts-failed = （这次没能生成图表，数字以上面的文字为准。）

chart-weeks-title = 本学期每周平均评分
chart-weeks-y = 平均分（1–5）
chart-weeks-x = 周（周一日期）
chart-categories-title = 家长反馈（按类别）
chart-categories-x = 条数
chart-ack-title = 确认收到用时
chart-ack-x = 个案编号
chart-ack-y = 分钟

export-usage = 用法：/export 或 /export 开始日期 结束日期，例如 /export 2026-11-01 2026-11-30。不写日期时导出最近 { $days } 天。
export-bad-date = 没看懂日期“{ $value }”，请写成 2026-11-01 这样的格式。
export-reversed = 开始日期 { $first } 晚于结束日期 { $last }，请对调后再试。
export-too-long = 一次最多导出 { $max } 天，请缩短日期范围。
export-working = ⏳ 正在导出 { $first } 至 { $last } 的数据，请稍等……
export-done = 📎 { $first } 至 { $last } 的数据。文件含学生健康信息（过敏原、身体不适的描述），只供管理员使用，请妥善保管，不要转发到家长群。
export-too-big = 导出的文件有 { $size } MB，超过了 Telegram 50 MB 的上限。请缩短日期范围，或在服务器上运行 python -m bot export。
export-failed = 抱歉，这次导出没有成功，请稍后再试。

export-sheet-about = 说明
export-sheet-cases = 家长反馈
export-sheet-events = 处理记录
export-sheet-ratings = 评分
export-sheet-notices = 通知
export-sheet-survey = 满意度测评
export-sheet-suggestions = 测评建议
export-head-survey = 测评编号|学期|开始|结束|发出|参与|参与率|项目|分值|作答|平均分|满意比例|分布（分值: 人数）|上次平均分
export-head-suggestions = 测评编号|学期|建议（匿名）
export-about-title = { $school }食安数据导出
export-about-span = 时间范围：{ $first } 至 { $last }
export-about-made = 导出时间：{ $made }
export-about-health = ⚠ 本文件含学生健康信息（过敏原、身体不适的描述、受影响人数），只导出给管理员。请妥善保管，不要外传。
export-about-times = 所有时间均为学校所在时区（{ $zone }）。
export-about-sheets = 工作表：家长反馈（每条一行）、处理记录（每条反馈的全部处理步骤）、评分（每条一行）、通知（含送达和已阅统计）、满意度测评（每项一行）、测评建议。
export-head-cases = 编号|提交时间|用餐日期|餐次|菜品|类别|紧急|转工作组|状态|评分|描述|受影响人数|发病时间|孩子过敏原|班级|匿名|确认收到时间|确认人|结案时间|结案人|处理说明|超时提醒次数|集体事件提醒编号
export-head-events = 反馈编号|时间|步骤|操作人|内容
export-head-ratings = 编号|用餐日期|餐次|评分|班级|评分时间
export-head-notices = 编号|发送时间|内容|发送范围|对象人数|已送达|屏蔽|失败|发送中|请家长确认|已阅
