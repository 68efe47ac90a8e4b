## The menu-import preview: each day's dishes, the allergens found, the days without school

preview-day = <b>{ $date }</b>
preview-meal = { $meal }: { $dishes }
preview-dish = { $dish }
preview-dish-allergens = { " " }[{ $allergens }]
preview-allergens = Dishes with allergens: { $found }
preview-allergen-count = { $allergen } { $count ->
        [one] (1 dish)
       *[other] ({ $count } dishes)
    }
preview-allergens-none = No dish lists an allergen.
preview-not-school-day = ⚠️ { $date } is not a school day{ $reason }: its menu is kept but not pushed to parents.
preview-more-days = …the dishes of { $count ->
        [one] one more day are
       *[other] { $count } more days are
    } not listed; after the import, /menu DATE shows them.
