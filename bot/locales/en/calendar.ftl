## The school calendar (校历): terms, reasons a day is (not) a school day, the 校历 file, and
## the warning that the official holiday data runs out

calendar-reason-override = set by an administrator
calendar-reason-vacation = vacation (outside every term)
calendar-reason-holiday = public holiday
calendar-reason-makeup = make-up school day ({ $name })
calendar-reason-weekend = weekend
calendar-reason-guessed = guessed: no holiday data for that year
calendar-range-reversed = ❌ The last day, { $last }, is before the first, { $first }.
calendar-range-too-long = ❌ At most { $max } days at once; please check the dates.

calendar-show-title = School calendar: { $first } to { $last }
calendar-show-line = { $date } { $weekday }  { $state }  { $reasons }
calendar-show-data-ends = Note: the official holiday data ends on { $date }; days marked "guessed" after it are only a Monday-to-Friday estimate. Upgrade the chinesecalendar package, or import the official holiday list in the calendar CSV (types holiday/workday).

calendar-data-ends =
    ⚠️ <b>The holiday data is running out</b>
    The official holiday data ends on { $date }. School days after it can only be guessed as Monday to Friday: public holidays and make-up days are not recognised, a menu may be pushed on a holiday, and missing-menu reminders stop.
    To fix it (either one):
    • upgrade the chinesecalendar package (<code>pip install -U chinesecalendar</code>) and restart the bot;
    • add the official holiday list to the calendar CSV (types holiday/workday) and import it with <code>python -m bot calendar import FILE</code>.

calendar-import-problems = ❌ The calendar file has { $count } problem(s); nothing was imported. Please fix them and import it again:
calendar-import-done = ✅ Calendar imported: { $terms } term(s), { $closed } closed day(s), { $opened } open day(s), { $official } official holiday or make-up day(s).
calendar-problem-unreadable = Row { $row }: the file cannot be read; please save it as CSV (UTF-8 or GBK).
calendar-problem-header = Row { $row }: the header must be type,start,end,name (or 类型,开始,结束,名称).
calendar-problem-empty = Row { $row }: the file has no entries.
calendar-problem-type = Row { $row }: unknown type "{ $value }" (use term, closed, open, holiday or workday).
calendar-problem-date = Row { $row }: cannot read the date "{ $value }"; please write it like 2026-09-01.
calendar-problem-reversed = Row { $row }: the end is before the start ({ $value }).
calendar-problem-too-long = Row { $row }: the range is longer than 366 days ({ $value }).
calendar-problem-no-name = Row { $row }: a term needs a name.
calendar-problem-name-too-long = Row { $row }: the term's name is too long ("{ $value }", at most 30 characters).
calendar-problem-same-term = Row { $row }: the term "{ $value }" appears twice in the file.
calendar-problem-overlap = Row { $row }: this term overlaps the term { $value } (an existing term can be deleted first with /term delete NAME).
calendar-problem-conflict = Row { $row }: { $value } is both open and closed in the file (or both a holiday and a make-up day).

term-usage =
    Usage:
    /term FIRST LAST NAME — set a term (a term with that name is updated)
    /term — list the terms
    /term delete NAME — delete a term
    For example: /term 2026-09-01 2027-01-22 Autumn term
term-list-title = <b>Terms</b> (outside them there is no school and no menu)
term-list-line = • { $name }: { $first } to { $last }
term-list-empty = No terms yet: every Monday to Friday that is not a public holiday is a school day.
term-added = ✅ Term "{ $name }" added: { $first } to { $last }. Outside the terms there is no school and no menu.
term-updated = ✅ Term "{ $name }" updated: { $first } to { $last }.
term-overlaps = ❌ The term "{ $name }" overlaps the term "{ $other }" ({ $first } to { $last }); nothing was saved. Change or delete that term first.
term-no-name = ❌ Please give the term a name, for example: /term 2026-09-01 2027-01-22 Autumn term
term-name-too-long = ❌ A term's name has at most { $max } characters.
term-deleted = ✅ Term "{ $name }" deleted.
term-not-found = There is no term called "{ $name }". Send /term to see them all.
