## Parents eat with the students (家长陪餐, /peican)

cmd-peican = Eat with the students
fb-cat-peican = Parent meal visit record

pc-when = { $date } { $meal }
pc-status-pending = waiting for the school
pc-status-approved = approved
pc-status-declined = not approved
pc-status-cancelled = cancelled
pc-day-open = open
pc-day-closed = closed to applications
pc-unknown-parent = (the parent has deleted their data)

pc-title = 🍱 <b>Eat with the students</b>
    The school invites parents to have a meal in the canteen with the children, see the kitchen and the dining hall, and fill in a short record here afterwards.
pc-mine = <b>My applications:</b>
pc-mine-line = • { $when }: { $status }
pc-open-days = <b>Days you can apply for</b> (tap one to apply):
pc-no-days = No days are open for applications right now; once the school opens one, you can apply here.
pc-admin-hint = Administrators: /peican open 2026-12-10 lunch 4 opens a day (4 seats), /peican list shows applications, /peican close N stops applications, /peican show N shows the full record.
pc-button-day =
    { $left ->
        [one] { $when } ({ $left } seat left)
       *[other] { $when } ({ $left } seats left)
    }
pc-button-cancel = Cancel { $when }
pc-button-record = 📝 Fill in the record
pc-usage-parent = Send /peican to see the parent meal visit days and apply.
pc-usage-admin =
    Usage:
    /peican open DATE MEAL SEATS — open a day, e.g. /peican open 2026-12-10 lunch 4 or /peican open 12月10日 午餐 4
    /peican list — days and applications
    /peican close N — stop applications (approved parents still come)
    /peican show N — the day's full record (applications, decisions, reminders, records)

pc-open-usage = Please write: /peican open 2026-12-10 lunch 4 (date, meal, seats).
pc-open-date = I could not read that date. Write 2026-12-10 or 12月10日.
pc-open-past = That day has passed; please pick today or a later day.
pc-open-meal = The school does not serve that meal. Write one it serves, e.g. lunch.
pc-open-seats = Please give the seats as a number from 1 to 50.
pc-open-below-approved = There cannot be fewer seats than parents already approved. See /peican list.
pc-opened =
    { $seats ->
        [one] ✅ Parent meal visit #{ $id } is open: { $when }, { $seats } seat. Parents apply with /peican.
       *[other] ✅ Parent meal visit #{ $id } is open: { $when }, { $seats } seats. Parents apply with /peican.
    }
pc-closed = Applications for #{ $id } ({ $when }) are closed; approved parents still come.
pc-close-unknown = No day #{ $id } is open for applications. Send /peican list to see the numbers.
pc-list-empty = No parent meal visit days from today on. Open one with /peican open.
pc-list-title = <b>Parent meal visits</b>
pc-list-day = <b>#{ $id } { $when }</b> ({ $status }): { $seats } seats, { $approved } approved, { $pending } waiting
pc-list-application = • { $name }, phone { $phone }: { $status }

pc-apply-gone = This day is no longer open for applications (full or closed).
pc-apply-not-parent = Parent meal visits are for parents who have registered a child. Please join with your class's invite link first (the teacher shares it in the class group), then apply.
pc-apply-already = You have already applied for this day.
pc-ask-phone = For the gate, please send your mobile number (11 digits), or tap the button below to share it.
pc-button-share-phone = 📱 Share my number
pc-phone-invalid = That number does not look right. Please send an 11-digit mobile number such as 13812345678, or tap the button to share yours.
pc-applied = ✅ You applied to eat with the students on { $when }. We will let you know here once the school has decided.
pc-told-approved = 🎉 Your parent meal visit on { $when } is approved. We will remind you on the day; please sign in at the school gate a little early.
pc-told-declined = Sorry, your parent meal visit on { $when } could not be arranged this time. You are welcome to apply for another day (/peican).
pc-cancelled = Your application for { $when } is cancelled.
pc-cancel-too-late = On the day itself you can no longer cancel here. If your plans change, please contact the school directly.
pc-cancel-gone = This application can no longer be cancelled.

pc-admin-new = 🍱 <b>Parent meal visit application</b>: { $name } for { $when }
pc-admin-phone = Mobile: { $phone }
pc-admin-seats = { $seats } seats, { $approved } approved.
pc-button-approve = ✅ Approve
pc-button-decline = ❌ Decline
pc-admin-decided = { $name } for { $when }: <b>{ $status }</b> ({ $who })
pc-admin-cancelled = 🍱 { $name } cancelled the parent meal visit on { $when }; one seat is free again.
pc-decided-already = This application was already handled: { $status } ({ $who }).
pc-decision-full = All seats are taken, so no more can be approved. To add seats, use /peican open again.
pc-decision-past = That day has passed.
pc-decision-unknown = That application was not found.

pc-reminder = 🍱 Today is your parent meal visit: { $when }. Please sign in at the school gate a little early, and fill in the record here after the meal. Thank you!
pc-record-request = 📝 Thank you for eating with the students on { $when }! Please take a minute to fill in the record:

pc-grade-excellent = Excellent
pc-grade-good = Good
pc-grade-fair = Fair
pc-grade-poor = Poor
pc-aspect-hygiene = Canteen hygiene
pc-aspect-order = Dining order
pc-aspect-staff = Canteen staff's work
pc-aspect-quality = Food quality

pc-record-title = 📝 <b>Parent meal visit record</b>: { $when }
pc-record-graded = { $aspect }: { $grade }
pc-record-ask = Please rate <b>{ $aspect }</b>:
pc-record-ask-note = <b>Anything else</b>: what else did you see, any suggestions? Type it here, or tap "Skip".
pc-record-note = Anything else: { $note }
pc-record-no-note = Anything else: nothing
pc-record-ask-photos = You can send a few photos ({ $count } received, at most { $max }); tap "Done" when finished.
pc-record-photos = Photos: { $count }
pc-record-confirm = If everything is right, tap "Submit".
pc-record-confirm-case = Anything rated "Poor" goes to the school's food-safety group. If everything is right, tap "Submit".
pc-button-skip = Skip
pc-button-done = Done
pc-button-send = ✅ Submit
pc-record-cancelled = Cancelled. Send /peican to fill in the record again.
pc-record-sent = ✅ Your record is submitted, thank you! The school's food-safety group will see it.
pc-record-sent-case = ✅ Your record is submitted, thank you! What you rated "Poor" went to the school's food-safety group (#{ $id }); we will tell you here what they do about it.
pc-record-unsupported = Please send text or photos, or tap a button above.
pc-photo-full = At most { $max } photos; any more are not kept.
pc-note-too-long = At most { $max } characters; please shorten it.
pc-note-empty = Please type something, or tap "Skip".
pc-note-not-now = Please tap a button above to go on.
pc-start-unknown = I could not find an approved parent meal visit of yours.
pc-start-too-early = You can fill in the record once the meal has started.
pc-start-recorded = The record of this visit has already been submitted. Thank you!

pc-case-grade = { $aspect }: { $grade }
pc-case-note = Anything else: { $note }
pc-card-title = 🍱 <b>Parent meal visit record #{ $id }</b>: { $when }, { $name }

pc-digest-title =
    { $count ->
        [one] 🍱 <b>Parents at today's meals</b> ({ $count } record)
       *[other] 🍱 <b>Parents at today's meals</b> ({ $count } records)
    }
pc-digest-grade = { $aspect } { $grade }
pc-digest-line = • { $meal }: { $grades }
pc-digest-note = 　A parent wrote: { $note }
pc-digest-case = 　Passed to the food-safety group (#{ $id }, { $status })

pc-show-unknown = There is no day #{ $id }. Send /peican list to see the numbers.
pc-show-none = No parent has applied yet.
pc-show-event = 　{ $time } { $what }
pc-show-record = 　📝 Record #{ $id }:
pc-show-case = Became case #{ $id } (send /case { $id } in the group to see it)
pc-event-applied = applied
pc-event-approved = approved
pc-event-declined = declined
pc-event-cancelled = cancelled by the parent
pc-event-reminded = reminded on the day
pc-event-record-asked = asked to fill in the record
pc-event-recorded = record submitted
pc-record-sent-case-later = ✅ Your record is saved, thank you! What you rated "Poor" will reach the school's food-safety group shortly (#{ $id }); we will tell you here what they do about it.
