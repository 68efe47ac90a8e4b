## The administrator's and the duty leader's welcome, and /schoolday's day buttons

home-admin =
    👋 Hello! You are an administrator of <b>{ $school }</b>'s MealWatch.
    You can:
    • import menus: send me a .csv or .xlsx menu spreadsheet; you see a preview before anything changes
    • send a notice: /notice, to the whole school, a grade, a class, or the parents of children with an allergen
    • set school days: /schoolday, e.g. "/schoolday 12/4 closed sports day"
    • see open cases: parents' reports go to the food-safety group, where they are handled
    Common tasks:
home-duty =
    👋 Hello! You are a duty leader (陪餐, eating with the students) for <b>{ $school }</b>'s MealWatch.
    • When you are on duty, I remind you { $minutes } minutes before the meal.
    • At the meal, send /duty and tap a button such as "Record lunch", then go step by step, all with buttons: each kitchen check, pass or fail (with a note or photos if needed), the retained samples, your ratings of the meal and what the students said.
    • A failed check, a "Poor" rating or an adverse reaction goes to the food-safety group at once; parents get a short summary that evening.
    Send /help to see everything.
home-button-import = 📋 Import a menu
home-button-notice = 📢 Send a notice
home-button-days = 📅 School days
home-button-cases = 📂 Open cases
home-cases-where = <i>Cases are handled in the food-safety group: send /case N there for the full record, or reply to the case's card.</i>
home-import-how =
    Just send me the menu spreadsheet (.csv or .xlsx).
    Headers: date,meal,dish,category,allergens,notes; one dish a row; dates like 2026-12-04.
    Before importing I show you each day's dishes, the allergens and any day without school, to confirm.

schoolday-day =
    { $line }
    Change it to:
schoolday-button-closed = Closed
schoolday-button-open = School day
schoolday-button-auto = As the calendar says
