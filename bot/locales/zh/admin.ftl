## The administrator's and the duty leader's welcome, and /schoolday's day buttons

home-admin =
    👋 您好，您是 <b>{ $school }</b> 食安家长通的管理员。
    您可以：
    • 导入菜单：直接把 .csv 或 .xlsx 菜单表格发给我，确认前会先预览
    • 发送通知：/notice，可以发给全校、某个年级、某个班或有某种过敏原的孩子的家长
    • 设置上课日：/schoolday，例如“/schoolday 12月4日 停课 运动会”
    • 查看未结个案：家长报告的问题会转到食品安全工作组，在群里处理
    常用操作：
home-duty =
    👋 您好，您是 <b>{ $school }</b> 食安家长通的陪餐值班领导。
    • 轮到您陪餐时，餐前 { $minutes } 分钟我会提醒您。
    • 陪餐时发送 /duty，点“填写午餐陪餐记录”等按钮，按提示逐项填写：厨房检查是否合格（可附说明和照片）、留样、饭菜评价、学生的意见。全程点按钮，单手就能填完。
    • 检查不合格、评价为“差”或有学生出现不良反应时，会自动转给食品安全工作组处理；当晚家长会收到陪餐简报。
    发送 /help 查看全部功能。
home-button-import = 📋 导入菜单
home-button-notice = 📢 发送通知
home-button-days = 📅 上课日
home-button-cases = 📂 未结个案
home-cases-where = <i>处理个案请到食品安全工作组：在群里发送 /case 编号 查看完整记录，或直接回复个案卡片。</i>
home-import-how =
    把菜单表格（.csv 或 .xlsx）直接发给我即可。
    表头：日期,餐次,菜品,类别,过敏原,备注；每道菜一行，日期可以写 2026-12-04 或 2026年12月4日。
    导入前我会先把每天的菜品、过敏原和不上课的日子列给您确认。

schoolday-day =
    { $line }
    要改成：
schoolday-button-closed = 停课
schoolday-button-open = 上课
schoolday-button-auto = 按校历
