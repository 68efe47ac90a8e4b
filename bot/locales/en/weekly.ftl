## The weekly report (周报, /report and every Monday) and exports (/export).

cmd-report = Food-safety report (week / month / term)
cmd-export = Export data as a spreadsheet (admin)

report-title-week = 📊 <b>{ $school } weekly food-safety report</b>
report-title-month = 📊 <b>{ $school } monthly food-safety report</b>
report-title-term = 📊 <b>{ $school } food-safety report · { $term }</b>
report-span = { $first } to { $last }
report-usage = Usage: /report or /report week (this week), /report month (this month), /report term (this term).
report-no-term = No term is set yet, so there is no term report. Set one with /term first, or use /report week or /report month.

report-ratings-head = <b>⭐ Meal ratings</b>
report-ratings-none = No parent rated a meal in this period.
report-ratings-total =
    { $count ->
        [one] { $count } rating, average <b>{ $average }</b> out of 5.
       *[other] { $count } ratings, average <b>{ $average }</b> out of 5.
    }
report-ratings-up = Up { $delta } on the period before ({ $previous }, { $count } ratings).
report-ratings-down = Down { $delta } on the period before ({ $previous }, { $count } ratings).
report-ratings-same = The same as the period before ({ $previous }, { $count } ratings).
report-ratings-no-previous = No ratings in the period before, so nothing to compare with.
report-ratings-meal = • { $meal }: { $average } ({ $count } ratings)
report-ratings-days = Daily average: { $days }
report-ratings-day = { $day } { $average }
report-dishes-best = 👍 Best-rated dishes: { $dishes }
report-dishes-worst = 👎 Lowest-rated dishes: { $dishes }
report-dish = { $name } ({ $average })
report-dishes-note = Note: parents rate the whole meal; a dish's score comes from the ratings of the meals it was in.

report-cases-head = <b>📝 Reports from parents</b>
report-cases-none = No parent reported a problem in this period.
report-cases-total = { $count } in all: { $urgent } urgent, { $flagged } others sent to the group, { $routine } recorded only.
report-cases-categories = By category: { $categories }
report-cases-category = { $category } { $count }
report-cases-open = Cases not resolved yet: { $count }
report-cases-ack = Time to acknowledge: median { $median }, slowest { $slowest } ({ $count } acknowledged)
report-cases-ack-none = Time to acknowledge: no case acknowledged in this period yet
report-cases-resolve = Time to resolve: median { $median }, slowest { $slowest } ({ $count } resolved)
report-cases-resolve-none = Time to resolve: no case resolved in this period yet
report-cases-escalations = Reminders about cases nobody acknowledged in time: { $count } ({ $cases } cases)
report-cases-outbreaks = Possible outbreak alerts: { $count }

report-minutes = { $minutes } min
report-hours = { $hours } h { $minutes } min
report-days = { $days } d { $hours } h

report-duty-sep = {", "}
report-duty-state = { $state } { $count }
report-duty-head = <b>🍽 Duty meals (陪餐)</b>
report-duty-states = Duties: { $states }
report-duty-records = Duty records: { $records }; ratings of "Poor": { $poor }; adverse reactions: { $adverse }; turned into cases: { $cases }.
report-duty-failed-none = Every kitchen check passed.
report-duty-failed = Failed checks:
report-duty-failed-item = • { $check }: { $count }

report-reach-head = <b>📣 Delivery</b>
report-reach-parents = Parents: { $active } receiving ({ $joined } joined in this period), { $stopped } stopped, { $blocked } blocked the bot.
report-reach-menus = Daily menus delivered: { $count }
report-reach-notices-none = No notice was sent in this period.
report-reach-notices = Notices:
report-reach-notice = • { $date } “{ $excerpt }”: delivered { $sent } / { $recipients }, blocked { $blocked }, failed { $failed }
report-reach-notice-pending = , still sending { $count }
report-reach-notice-confirmed = , read { $confirmed } ({ $rate })

report-charts-caption = 📈 { $first } to { $last }: weekly ratings this term, reports by category, time to acknowledge
report-charts-failed = (The charts could not be drawn this time; the figures above are complete.)

chart-weeks-title = Average rating per week this term
chart-weeks-y = Average (1-5)
chart-weeks-x = Week (Monday)
chart-categories-title = Reports by category
chart-categories-x = Reports
chart-ack-title = Time to acknowledge
chart-ack-x = Case
chart-ack-y = Minutes

export-usage = Usage: /export, or /export FIRST LAST such as /export 2026-11-01 2026-11-30. Without dates it exports the last { $days } days.
export-bad-date = I could not read the date “{ $value }”. Please write it like 2026-11-01.
export-reversed = The first date { $first } is after the last date { $last }; please swap them.
export-too-long = At most { $max } days can be exported at once; please choose a shorter range.
export-working = ⏳ Exporting { $first } to { $last }, one moment…
export-done = 📎 The data from { $first } to { $last }. The file holds children's health details (allergens, descriptions of illness) and is for administrators only: keep it safe and do not forward it to parent groups.
export-too-big = The export is { $size } MB, more than Telegram's 50 MB limit. Please choose a shorter range, or run python -m bot export on the server.
export-failed = Sorry, the export did not work this time. Please try again later.

export-sheet-about = About
export-sheet-cases = Reports
export-sheet-events = Case history
export-sheet-ratings = Ratings
export-sheet-notices = Notices
export-sheet-survey = Survey
export-sheet-suggestions = Survey suggestions
export-head-survey = Survey|Term|Opened|Closes|Sent to|Responses|Response rate|Item|Scale|Answered|Mean|Share satisfied|Distribution (score: answers)|Previous mean
export-head-suggestions = Survey|Term|Suggestion (anonymous)
export-about-title = { $school } food-safety data export
export-about-span = Period: { $first } to { $last }
export-about-made = Exported at: { $made }
export-about-health = ⚠ This file holds children's health details (allergens, descriptions of illness, children affected) and is exported to administrators only. Keep it safe and do not share it.
export-about-times = All times are in the school's time zone ({ $zone }).
export-about-sheets = Sheets: Reports (one row each), Case history (every step of each report), Ratings (one row each), Notices (with delivery and confirmation counts), Survey (one row per item), Survey suggestions.
export-head-cases = Report|Reported at|Meal date|Meal|Dish|Category|Urgent|Sent to the group|Status|Rating|Description|Children affected|Onset|Child's allergens|Class|Anonymous|Acknowledged at|Acknowledged by|Resolved at|Resolved by|Resolution note|Escalations|Outbreak alert
export-head-events = Report|At|Step|By|Detail
export-head-ratings = Id|Meal date|Meal|Score|Class|Rated at
export-head-notices = Id|Sent at|Text|Audience|Recipients|Delivered|Blocked|Failed|Sending|Asks to confirm|Confirmed
