## Shared words, allergens, errors and help

school-default = 学校
allergen-gluten = 含麸质谷物
allergen-crustacean = 甲壳纲类动物
allergen-fish = 鱼类
allergen-egg = 蛋类
allergen-peanut = 花生
allergen-soy = 大豆
allergen-milk = 乳及乳制品
allergen-nuts = 坚果及其果仁类
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
expired = 操作已超时，已取消。需要时请重新开始。
button-cancel = 取消
button-back = 返回
unknown-input = 我没能理解这条消息。发送 /help 查看我能做什么。
unknown-command = 没有这个命令。发送 /help 查看我能做什么。
stale-button = 这个按钮已失效，请重新操作。

help-parent =
    <b>我可以帮您：</b>
    /menu — 查看今天的菜单（/menu week 查看本周）
    /feedback — 反馈或报告用餐问题
    /duty — 本周陪餐安排和近期陪餐记录（陪餐人员在这里填写陪餐记录）
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
    /notices — 通知的已阅确认情况，一键提醒未阅家长
    /duty set — 安排陪餐；/duty week — 本周陪餐记录情况
    /schoolday — 设置上课日/停课日（可以是一段日期）
    /term — 设置学期（学期之外不上课）
    /stats — 统计
    /peican — 家长陪餐（/peican open 日期 餐次 名额、list、close）
    /grant — 授予角色（/grant 用户ID admin|duty）
    /revoke — 撤销角色（/revoke 用户ID [admin|duty]）
    发送 .csv 或 .xlsx 菜单文件即可导入菜单。
help-group =
    <b>食品安全工作组命令：</b>
    /cases — 未结案件
    /case 编号 — 案件完整记录
    回复案件卡片即可答复家长。
    疑似身体不适、过敏的案件会写明这一餐的留样保留到什么时候；把留样封存好后，点卡片上的“🧪 留样已封存”。

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
cmd-schoolday = 设置上课日（管理员）
cmd-term = 设置学期（管理员）
cmd-stats = 统计（管理员）
cmd-grant = 授予角色（管理员）
cmd-revoke = 撤销角色（管理员）
cmd-cases = 未结案件
cmd-case = 案件记录
