## Menu import: one message per problem code of bot.services.menu_parser.
## Every message is given $row (the row number as Excel shows it; 0 for the whole file) and
## $value (the offending cell text, a column key or a count).
## The limits quoted (60/20/200 characters, 5000 rows, 60 dishes a day, 5 MB, 14 days back) must match menu_parser's.

menu-import-problem-unsupported-file = Sorry, the file “{ $value }” could not be read. Please send the menu as a .csv or .xlsx spreadsheet of up to 5 MB; for an older .xls file, use “Save As” in Excel to save it as .xlsx first.
menu-import-problem-empty-file = No menu rows were found in the file. Please fill in one dish per row below the header and send it again.
menu-import-problem-missing-column = The spreadsheet has no “{ $value }” column. Please put the headers in the first row: date, meal, dish (category, allergens and notes are optional).
menu-import-problem-bad-date = Row { $row }: the date “{ $value }” was not recognised. Please write it like 2026-11-30.
menu-import-problem-past-date = Row { $row }: { $value } is more than 14 days ago. Menus can be imported from 14 days back onwards (past days are kept for the record, not pushed).
menu-import-problem-unknown-meal = Row { $row }: the meal “{ $value }” was not recognised. Please write breakfast, lunch or dinner.
menu-import-problem-empty-dish = Row { $row }: the dish name is empty. Please fill it in.
menu-import-problem-unknown-allergen = Row { $row }: the allergen “{ $value }” was not recognised. Please use these names: gluten (or wheat), shellfish, fish, egg, peanut, soy, milk, nuts, sesame, separated by semicolons.
menu-import-problem-duplicate-row = Row { $row }: “{ $value }” already appears earlier for the same date and meal. Please remove the duplicate row.
menu-import-problem-too-long = Row { $row }: “{ $value }” is too long. A dish name can have at most 60 characters, a category 20 and notes 200.
menu-import-problem-too-many-rows = The file has { $value } dish rows, more than the 5000 rows (about a term of menus) that can be imported at once. Please split it into smaller files and send them one by one.
menu-import-problem-too-many-dishes = Row { $row }: { $value } has more than 60 dishes, the most one day can have. Please shorten that day's menu and send the file again.
