## Menus, school days, the daily push, reminders and personal settings

weekday-0 = Mon
weekday-1 = Tue
weekday-2 = Wed
weekday-3 = Thu
weekday-4 = Fri
weekday-5 = Sat
weekday-6 = Sun
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
date-long = { $weekday } { $day } { $month }

menu-title = 🍱 <b>{ $school } · menu for { $date }</b>
menu-meal = <b>{ $meal }</b>
menu-dish = • { $dish }
menu-dish-warned = ⚠️ <b>{ $dish }</b>
menu-dish-category = { " " }({ $category })
menu-dish-allergens = [contains: { $allergens }]
menu-dish-notes = — <i>{ $notes }</i>
menu-warning = ⚠️ <b>Allergy warning for { $child }: { $dish } contains { $allergens }</b>
menu-none = There is no menu for { $date } yet.
menu-closed = { $date } is not a school day{ $reason }.
menu-closed-reason = { " " }({ $reason })
menu-week-title = 📅 <b>{ $school } · this week's menu ({ $first } – { $last })</b>
menu-week-day = <b>📅 { $date }</b>
menu-week-none = There is no menu for this week yet.
menu-button-prev = ◀ Previous day
menu-button-next = Next day ▶
menu-button-week = This week
menu-button-today = Today
menu-button-full = 📄 Full menu
menu-more-dishes = …and { $count ->
        [one] { $count } more dish
       *[other] { $count } more dishes
    }
menu-more-warnings = …and { $count ->
        [one] { $count } more allergy warning
       *[other] { $count } more allergy warnings
    }
menu-shortened = 📄 This day's menu is long, so this is a shortened view. Tap “Full menu” below for every dish and note.
menu-week-more-dishes = …and { $count ->
        [one] { $count } more dish
       *[other] { $count } more dishes
    }: send /menu { $date }

reminder-no-menu = ⏰ The next school day, { $date }, has no menu yet. Please send me the menu spreadsheet (.csv or .xlsx) to import it.

menu-import-problems = ❌ The menu file has { $count } problem(s); nothing was imported. Please fix them and send it again:
menu-import-more = …and { $count } more problem(s).
menu-import-more-days = { " " }…and { $count ->
        [one] { $count } more day
       *[other] { $count } more days
    }
menu-import-preview =
    📋 <b>Menu import preview</b>
    Dates ({ $count ->
        [one] { $count } day
       *[other] { $count } days
    }): { $days }
    { $meals } meals, { $dishes } dishes.
menu-import-replaces = This replaces the existing menus of: { $dates }
menu-import-confirm = Import it?
menu-import-button-confirm = ✅ Import
menu-import-button-cancel = Cancel
menu-import-done = ✅ Imported the menus of { $days ->
        [one] 1 day
       *[other] { $days } days
    } ({ $dishes ->
        [one] 1 dish
       *[other] { $dishes } dishes
    }).
menu-import-cancelled = Cancelled; the menus are unchanged.
date-span = { $first } to { $last }
menu-import-past = { $days } already past: kept for the record, not pushed.
menu-import-today-now = Today's push time ({ $time }) has passed, so today's menu was sent to parents right away.
menu-import-today-too-late = Today's push time ({ $time }) is too long past, so today's menu will not be pushed; parents can see it with /menu.
menu-import-today-already = Today's menu was already pushed this morning; this change is not pushed again. Parents see the new menu with /menu.
menu-import-download-failed = I could not download the file; please send it again later.
menu-import-not-a-menu = Please send the menu as a .csv or .xlsx spreadsheet (headers: date,meal,dish,category,allergens,notes).
menu-import-too-big = ❌ The file is too big (limit { $limit } MB); nothing was imported. Please send just the menu spreadsheet.

schoolday-usage =
    Usage: /schoolday DATE closed|open|auto [reason]
    DATE can be 12/4, 2026-12-04, tomorrow, or a range (at most 366 days): 12/28..1/1
    For example: /schoolday 12/4 closed sports day
    auto goes back to the calendar. Terms are set with /term.
schoolday-bad-date = I can't read the date "{ $value }"; write it like 12/4, 2026-12-04 or tomorrow.
schoolday-set-open = ✅ { $date }: school day{ $reason }.
schoolday-set-closed = ✅ { $date }: closed{ $reason }; no menu is pushed on a closed day.
schoolday-set-auto = ✅ { $date } follows the calendar again: { $state }.
schoolday-state-open = school day
schoolday-state-closed = no school
schoolday-range = { $first } to { $last } ({ $count } days)
schoolday-set-range-auto = ✅ { $dates } follow the calendar again.
schoolday-list-title = <b>The next two weeks</b>
schoolday-list-line = { $date }: { $state }{ $reason }

settings-title = <b>Settings</b>
settings-menu-on = Daily menu: on
settings-menu-off = Daily menu: off
settings-button-turn-off = Turn the daily menu off
settings-button-turn-on = Turn the daily menu on

push-cli-queued = The menu for { $date } is queued for { $count ->
        [one] 1 parent
       *[other] { $count } parents
    }; the running bot sends it.
push-cli-already = The menu for { $date } has already been pushed (once per parent per day).
push-cli-not-school-day = { $date } is not a school day; nothing was pushed (add --force if you really mean it).
push-cli-no-menu = There is no menu for { $date }; nothing was pushed.
