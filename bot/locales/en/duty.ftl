## 陪餐: the roster, the duty record, /duty week, reminders, the evening digest, the roster import.

# The kitchen checks of a duty record, in order: keys separated by spaces. A school may reorder,
# remove or add checks here (a new key needs its duty-check-KEY label, and a -hint if it likes).
# The "samples" check (留样) is confirmed per dish of the day's menu.
duty-checklist = health hygiene intake washing cooking utensils samples order
# Checks whose notes parents never see: only pass/fail of staff health reaches them.
duty-checklist-private = health
duty-check-health = Morning health check (staff)
duty-check-health-hint = Check the morning record: fever, diarrhoea, cuts on the hands; anyone ill must be off work.
duty-check-hygiene = Personal hygiene
duty-check-hygiene-hint = Work clothes, caps and masks worn properly; hands washed and disinfected.
duty-check-intake = Ingredients received, certificates and invoices
duty-check-intake-hint = Ingredients fresh; the receiving log, certificates and invoices complete.
duty-check-washing = Washing
duty-check-washing-hint = Vegetables soaked and washed; raw and cooked kept apart.
duty-check-cooking = Cooking
duty-check-cooking-hint = Cooked through, core temperature at least 70 °C where it applies.
duty-check-utensils = Tableware disinfection
duty-check-utensils-hint = Tableware disinfected and kept in the clean cabinet.
duty-check-samples = Retained samples (留样)
duty-check-samples-hint = At least 125 g of every dish, sealed, refrigerated for 48 hours or more.
duty-check-order = Order in the dining hall
duty-check-order-hint = Students queue for their food and eat in good order.

duty-aspect-food = Food quality
duty-aspect-hygiene = Canteen hygiene
duty-aspect-order = Dining order
duty-aspect-service = Service
duty-grade-excellent = Excellent
duty-grade-good = Good
duty-grade-fair = Fair
duty-grade-poor = Poor

duty-state-done = ✅ recorded
duty-state-late = 🟡 recorded late
duty-state-missing = 🔴 missing
duty-state-waiting = ⏳ not yet due
duty-state-unassigned = ⚪ nobody on duty

## /duty

duty-roster-title = <b>📋 This week's meal duty</b>
duty-roster-empty = Nobody is on the roster this week yet.
duty-roster-line = { $date } { $meal }: { $leader }
duty-roster-teacher = (teacher: { $teacher })
duty-recent-title = <b>🍽 Duty records, last 7 days</b>
duty-recent-empty = No duty records in the last 7 days.
duty-recent-line =
    { $bad ->
        [one] { $date } { $meal } · { $name } on duty, { $bad } check failed
       *[other] { $date } { $meal } · { $name } on duty, { $bad } checks failed
    }
duty-start = 📝 Fill in a duty record: choose today's meal.
duty-start-button = Record { $meal }
duty-resume = You have an unfinished duty record; carry on here:
duty-admin-help =
    Administrators:
    /duty set — put someone on meal duty
    /duty week — this week's duties and their records
    /duty N — a duty record and its versions
duty-usage = Send /duty to see this week's duty roster and the recent records.
duty-usage-admin = Usage: /duty (roster and records), /duty set (put someone on duty), /duty week (this week), /duty N (a record).
duty-record-unknown = There is no duty record number { $id }.

## The roster picker (administrators)

duty-set-nobody = Nobody has the duty role yet. Grant it first with /grant USER_ID duty.
duty-pick-person = 👤 Who is on duty?
duty-pick-first = 📅 From which day?
duty-pick-last = 📅 Until which day?
duty-pick-meal = 🍽 { $first } to { $last }: which meal?
duty-pick-all-meals = every meal
duty-set-done =
    { $count ->
        [one] ✅ { $name } is on duty for { $meal } on { $count } school day from { $first } to { $last }.
       *[other] ✅ { $name } is on duty for { $meal } on { $count } school days from { $first } to { $last }.
    }
duty-set-none = There are no school days between those dates; nobody was put on duty.

## The record being filled in

duty-flow-head = <b>📝 Duty record · { $date } { $meal }</b>
duty-flow-check = Check { $n }/{ $total }: <b>{ $check }</b>
duty-flow-check-how = To add a note or photos, send them first, then tap Pass or Fail.
duty-flow-samples = Tick each dish whose sample has been kept:
duty-flow-attached = Attached: { $what }.
duty-attached-notes = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}
duty-attached-photos = { $count ->
    [one] { $count } photo
   *[other] { $count } photos
}
duty-ok = ✅ Pass
duty-bad = ❌ Fail
duty-flow-rate = Rate the <b>{ $aspect }</b>:
duty-flow-said = 💬 What did the students say about the meal? Type it, or tap Skip.
duty-flow-current = Current: { $answer }
duty-keep = Keep as it is
duty-skip = Skip
duty-flow-adverse = 🩺 Did any student have an adverse reaction (vomiting, stomach ache, allergy)?
duty-adverse-no = No
duty-adverse-yes = Yes
duty-flow-detail = Describe what happened: how many students, which symptoms, since when, what has been done.
duty-flow-share = 📷 Pick one kitchen photo parents may see (it goes into tonight's digest), or share none.
duty-share-photo = Photo { $n } ({ $check })
duty-share-none = Share no photo
duty-flow-confirm = Check, then submit. A submitted record cannot be changed; a correction is saved as a new version.
duty-submit = ✅ Submit
duty-back = ↩ Back
duty-cancel = Cancel
duty-cancelled = The duty record is cancelled.
duty-summary-checks = Kitchen checks: { $ok } passed, { $bad } failed
duty-summary-bad = Failed: { $checks }
duty-summary-photos = Photos: { $count }
duty-line-ratings = Ratings: { $ratings }
duty-line-adverse = ⚠️ Adverse reaction: { $detail }
duty-line-no-adverse = Adverse reaction: none
duty-submitted = ✅ Duty record #{ $id } submitted. Thank you!
duty-submitted-case = ✅ Duty record #{ $id } submitted. What you found went to the food-safety group (case #{ $case }).

duty-typed-note = 📎 Note added to this check.
duty-typed-photo = 📷 Photo added to this check.
duty-typed-said = Noted what the students said.
duty-typed-detail = Noted what happened.
duty-typed-use-buttons = Please use the buttons below.
duty-typed-empty = That was empty; please type it again.
duty-typed-too-long = That is too long; please shorten it.
duty-typed-too-many-photos = At most { $max } photos per check.

## A submitted record

duty-record-title = <b>Duty record #{ $id }</b> (version { $version }) · { $date } { $meal }
duty-record-signed = On duty: { $name }, started { $started }, submitted { $finished }
duty-record-check-ok = ✅ { $check }
duty-record-check-bad = ❌ { $check }
duty-record-note = : { $note }
duty-record-samples = Samples: confirmed { $kept }; not confirmed { $missing }
duty-record-said = Students said: { $words }
duty-record-case = Case #{ $id }: { $status }
duty-history-title = <b>Versions</b>
duty-history-line = #{ $id } version { $version } · { $name } { $time } { $current }
duty-fix-button = Correct (saved as a new version)
duty-fix-start = Correcting duty record #{ $id }: the original answers are filled in ("Current"); confirm or change each one. The original stays in the history.

## The food-safety group's case (plain text)

duty-card-record = Duty record #{ $id }
duty-card-from = On duty: { $name }
duty-card-words = What was found:
fb-cat-duty = Found on meal duty
duty-case-check = Failed: { $check } { $note }
duty-case-poor = Rated poor: { $aspect }
duty-case-adverse = Adverse reaction: { $detail }

## Scheduled messages

duty-reminder = ⏰ You are on duty for { $meal } ({ $time }) today. Please be in the kitchen half an hour before, and fill in the duty record here.
duty-missing = ⚠️ The duty record for { $date } { $meal } has not been filled in (on duty: { $leader }).
duty-week-title = <b>📋 This week's duty records</b>
duty-week-line = { $date } { $meal } · { $leader }: { $state }

duty-digest-title = <b>🍽 Today's meal duty · { $date }</b>
duty-digest-meal = <b>{ $meal }</b>: { $name } ate with the students
duty-digest-all-ok = ✅ All { $count } kitchen checks passed
duty-digest-bad = ❌ { $check } failed
duty-digest-adverse = ⚠️ Some children felt unwell; the school is looking after it
duty-digest-case = What is being done (case #{ $id }): { $status }
duty-digest-photo = 📷 Today's kitchen
duty-settings-digest-on = Evening duty digest: on
duty-settings-digest-off = Evening duty digest: off
duty-settings-turn-off = Turn the duty digest off
duty-settings-turn-on = Turn the duty digest on

## python -m bot duty import / export

duty-import-problems =
    { $count ->
        [one] The duty roster has { $count } problem; nothing was imported:
       *[other] The duty roster has { $count } problems; nothing was imported:
    }
duty-import-problem-header = row { $row }: the header must be 日期,餐次,陪餐领导[,陪餐教师] (it is "{ $value }")
duty-import-problem-date = row { $row }: "{ $value }" is not a date I can read
duty-import-problem-meal = row { $row }: "{ $value }" is not a meal the school serves
duty-import-problem-leader = row { $row }: "{ $value }" is not a duty leader (grant the role first with /grant USER_ID duty)
duty-import-problem-ambiguous = row { $row }: more than one duty leader is called "{ $value }"; use the Telegram user id
duty-import-problem-teacher = row { $row }: the teacher "{ $value }…" is too long
duty-import-problem-duplicate = row { $row }: { $value } is on the roster twice
duty-import-problem-empty = the file has no roster rows
duty-import-problem-too-many = too many rows ({ $value })
duty-import-problem-unreadable = the file cannot be read as CSV: { $value }
duty-import-done =
    { $count ->
        [one] Imported { $count } roster row.
       *[other] Imported { $count } roster rows.
    }
duty-export-done = Exported { $records } duty records ({ $checks } checks) to { $file }.
duty-export-records = Duty records
duty-export-checks = Checks
duty-export-record-columns = Record|Date|Meal|Version|Corrects|On duty|Started|Submitted|Food quality|Canteen hygiene|Dining order|Service|Students said|Adverse reaction|Reaction details|Samples confirmed|Photos|Case
duty-export-check-columns = Record|Date|Meal|Version|No.|Check|Result|Note|Photos
duty-export-ok = Pass
duty-export-bad = Fail
duty-export-yes = Yes
duty-export-no = No
