## Shared words, allergens, errors and help

# 用词表：写新文案前先看一遍，同一样东西在所有消息里只用一个说法。
# 读者是家长和学校老师：用平常说话的词，不用公文腔，也不用翻译腔（“关于您的……”“我们保存的……”）。
#   家长（不说“用户”）；孩子（给家长的话里不说“学生”“子女”）；学校、食堂
#   反馈：家长发来的评分、意见和问题报告；编号写成 #12
#   食品安全工作组：第一次出现写全称，同一条消息里再提到可以简称“工作组”（不说“食安小组”）
#   个案：转到工作组的一份反馈（不说“案件”）；确认收到；答复家长；结案；处理说明
#   （周报和导出表格也一样：反馈不说“反映”“工单”，确认收到不说“受理”，结案不说“办结”）
#   管理员；陪餐值班领导（角色名）
#   上课日 / 停课日；校历；学期；法定假日；调休
#   菜单、菜品、餐次（早餐、午餐、晚餐）；每日菜单推送
#   过敏原用平常的叫法：麦麸/小麦、虾蟹类、鱼类、蛋类、花生、大豆、牛奶/乳制品、坚果、芝麻
#   （导入菜单时 GB 7718 的名称，如“含麸质谷物”“甲壳纲类动物”，照样认得）
# 数量带量词：3 位家长、2 个孩子、1 人、5 天、10 道菜、4 条反馈、2 张照片、3 件个案。
# 数字、英文和中文之间留一个空格（“共 5 天”），中文标点用全角（，。：；“”（）），引号用“”，不用「」。
# 日期写成“12月4日（周五）”，同一句里不重复写两遍。
# 按钮上的字写动作（“确认导入”“发送给 3 位家长”），不写“是/否”。

school-default = 学校
allergen-gluten = 麦麸/小麦
allergen-crustacean = 虾蟹类
allergen-fish = 鱼类
allergen-egg = 蛋类
allergen-peanut = 花生
allergen-soy = 大豆
allergen-milk = 牛奶/乳制品
allergen-nuts = 坚果
allergen-sesame = 芝麻
allergens-none = 无
list-separator = 、
child-unnamed = 孩子
meal-breakfast = 早餐
meal-lunch = 午餐
meal-dinner = 晚餐

error-generic = 抱歉，处理时出了点问题，我们已记录并通知管理员。请稍后再试。
error-try-again = 抱歉，现在暂时无法保存，请过一会儿再试一次。
error-admin-alert = ⚠️ 机器人处理一条消息时出错：<code>{ $error }</code>（用户 { $user }）。详情见日志。
not-admin = 抱歉，这个命令只有学校管理员可以使用。
not-private = 请在与我的私聊中使用这个命令。
cancelled = 已取消。
nothing-to-cancel = 当前没有进行中的操作。
expired = 等得有点久，这次操作已取消。需要时请重新开始。
button-cancel = 取消
button-back = 返回
unknown-input = 这条消息我没看懂。发送 /help 看看我能做什么。
unknown-command = 没有这个命令。发送 /help 看看我能做什么。
stale-button = 这个按钮已经失效了，请重新操作。

help-parent =
    <b>我可以帮您：</b>
    /menu — 查看今天的菜单（/menu week 查看本周）
    /feedback — 反馈或报告用餐问题
    /duty — 本周的陪餐安排和近期陪餐记录（陪餐值班领导也在这里填写记录）
    /myreports — 我的反馈和处理进度
    /peican — 报名家长陪餐、填写陪餐记录
    /notices — 学校近期通知
    /children — 管理孩子信息和过敏原
    /settings — 每日菜单推送开关
    /language — 切换语言
    /mydata — 查看我的数据
    /deletedata — 删除我的数据
    /stop — 停止接收所有消息
help-admin =
    <b>管理员命令：</b>
    /notice — 发送通知
    /changed — 发布“你说我改”（引用家长意见，说明改进）
    /survey — 学期满意度测评（/survey results 查看结果）
    /notices — 查看通知的已阅情况，一键提醒未阅的家长
    /duty set — 安排陪餐；/duty week — 本周陪餐记录情况
    /schoolday — 设置停课或上课的日子，例如 /schoolday 12月4日 停课 运动会
    /term — 设置学期（学期之外不上课）
    /peican — 家长陪餐（/peican open 日期 餐次 名额、list、close）
    /report — 食安周报（/report month 本月，/report term 本学期）
    /export — 导出数据表格（含学生健康信息，仅限管理员）
    /grant — 授予角色（/grant 用户ID admin|duty）
    /revoke — 撤销角色（/revoke 用户ID [admin|duty]）
    直接把 .csv 或 .xlsx 菜单表格发给我，就能导入菜单。
help-group =
    <b>食品安全工作组命令：</b>
    /cases — 还没结案的个案
    /case 编号 — 一件个案的完整处理记录
    /report — 食安周报（/report month 本月，/report term 本学期）
    回复个案卡片即可答复家长；点“结案”后直接发一句处理说明即可结案。
    疑似身体不适、过敏的个案会写明这一餐的留样保留到什么时候；把留样封存好后，点卡片上的“🧪 留样已封存”。

cmd-start = 开始 / 加入班级
cmd-help = 帮助
cmd-menu = 今日菜单
cmd-duty = 陪餐安排与记录
cmd-feedback = 反馈用餐问题
cmd-myreports = 我的反馈
cmd-notices = 学校通知
cmd-children = 孩子信息
cmd-settings = 推送设置
cmd-language = 切换语言
cmd-mydata = 我的数据
cmd-deletedata = 删除我的数据
cmd-stop = 停止接收消息
cmd-cancel = 取消当前操作
cmd-notice = 发送通知（管理员）
cmd-schoolday = 停课和上课日（管理员）
cmd-term = 设置学期（管理员）
cmd-grant = 授予角色（管理员）
cmd-revoke = 撤销角色（管理员）
cmd-cases = 未结个案
cmd-case = 个案处理记录
