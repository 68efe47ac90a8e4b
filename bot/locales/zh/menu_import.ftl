## Menu import: one message per problem code of bot.services.menu_parser.
## Every message is given $row (the row number as Excel shows it; 0 for the whole file) and
## $value (the offending cell text, a column key or a count).
## The limits quoted (60/20/200 characters, 2000 rows, 5 MB, 14 days back) must match menu_parser's.

menu-import-problem-unsupported-file = 无法读取文件“{ $value }”。请上传 .csv 或 .xlsx 格式的菜单表格（不超过 5 MB）；如果是 .xls 等旧格式，请先在 Excel 中“另存为” .xlsx 再上传。
menu-import-problem-empty-file = 文件里没有找到菜单数据。请在表头下方每行填写一道菜品后重新上传。
menu-import-problem-missing-column = 表格缺少“{ $value ->
        [date] 日期
        [meal] 餐次
        [dish] 菜品
       *[other] { $value }
    }”列。请在第一行写好表头：日期、餐次、菜品（类别、过敏原、备注可选）。
menu-import-problem-bad-date = 第 { $row } 行：无法识别日期“{ $value }”，请按 2026-11-30 这样的格式填写。
menu-import-problem-past-date = 第 { $row } 行：日期 { $value } 已经过去超过 14 天，不能再导入。最近 14 天内的菜单可以导入存档（不推送）。
menu-import-problem-unknown-meal = 第 { $row } 行：无法识别的餐次“{ $value }”，请填写 早餐、午餐 或 晚餐。
menu-import-problem-empty-dish = 第 { $row } 行：菜品名称为空，请填写菜品。
menu-import-problem-unknown-allergen = 第 { $row } 行：无法识别的过敏原“{ $value }”。请使用以下名称：麦麸/小麦、虾蟹类、鱼类、蛋类、花生、大豆、牛奶/乳制品、坚果、芝麻（GB 7718 的写法，如“含麸质谷物”“甲壳纲类动物”，也可以），多个过敏原之间用分号隔开。
menu-import-problem-duplicate-row = 第 { $row } 行：“{ $value }”在前面同一日期、同一餐次中已经出现过，请删除重复的一行。
menu-import-problem-too-long = 第 { $row } 行：“{ $value }”太长了。菜品名称最多 60 个字，类别最多 20 个字，备注最多 200 个字。
menu-import-problem-too-many-rows = 文件中有 { $value } 行菜品，超过了每次最多导入 5000 行（约一个学期的菜单）的限制，请拆分成几个文件分别上传。
menu-import-problem-too-many-dishes = 第 { $row } 行：{ $value } 这一天的菜品超过了每天最多 60 道的限制，请删减这一天的菜品后重新上传。
