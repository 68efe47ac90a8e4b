## The menu-import preview: each day's dishes, the allergens found, the days without school

preview-day = <b>{ $date }</b>
preview-meal = { $meal }：{ $dishes }
preview-dish = { $dish }
preview-dish-allergens = ［{ $allergens }］
preview-allergens = 含过敏原的菜：{ $found }
preview-allergen-count = { $allergen } { $count } 道
preview-allergens-none = 没有标注过敏原的菜。
preview-not-school-day = ⚠️ { $date } 不是上课日{ $reason }：这天的菜单会保存，但不会推送给家长。
preview-more-days = ……另外 { $count } 天的菜品没有列出，导入后可以用 /menu 日期 查看。
