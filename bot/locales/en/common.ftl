## Shared words, allergens, errors and help

# Glossary (the Chinese one is in zh/common.ftl): parent, child, report (what a parent sends,
# numbered #12), the food-safety group, case (a report forwarded to it), acknowledge, reply,
# resolve, resolution note, administrator, duty leader, school day / closed day, the school
# calendar, term, menu, dish, meal. Plain words, counts with their nouns ("3 parents", "1 day").

school-default = the school
allergen-gluten = Gluten (wheat)
allergen-crustacean = Shellfish (shrimp, crab)
allergen-fish = Fish
allergen-egg = Eggs
allergen-peanut = Peanuts
allergen-soy = Soybeans
allergen-milk = Milk (dairy)
allergen-nuts = Nuts
allergen-sesame = Sesame
allergens-none = none
list-separator = {", "}
child-unnamed = your child
meal-breakfast = Breakfast
meal-lunch = Lunch
meal-dinner = Dinner

error-generic = Sorry, something went wrong on our side. We have logged it and told the administrators. Please try again later.
error-try-again = Sorry, I cannot save that right now. Please try again in a little while.
error-admin-alert = ⚠️ The bot failed while handling an update: <code>{ $error }</code> (user { $user }). See the log for details.
not-admin = Sorry, only school administrators can use this command.
not-private = Please use this command in a private chat with me.
cancelled = Cancelled.
nothing-to-cancel = Nothing is in progress.
expired = That took a while, so I cancelled it. Start again whenever you like.
button-cancel = Cancel
button-back = Back
unknown-input = I didn't understand that. Send /help to see what I can do.
unknown-command = I don't know that command. Send /help to see what I can do.
stale-button = This button has expired. Please start again.

help-parent =
    <b>I can help you:</b>
    /menu — today's menu (/menu week for the week)
    /feedback — give feedback or report a problem with a meal
    /duty — this week's meal duty and recent duty records (duty leaders fill in records here)
    /myreports — your reports and their status
    /peican — apply to eat with the students, fill in the record
    /notices — recent school notices
    /children — your children and their allergens
    /settings — daily menu on or off
    /language — change language
    /mydata — see your data
    /deletedata — erase your data
    /stop — stop all messages
help-admin =
    <b>Administrator commands:</b>
    /notice — send a notice
    /changed — publish "you asked, we changed" (cite what parents asked for)
    /survey — this term's satisfaction survey (/survey results for the results)
    /notices — who confirmed notices; remind the rest with one tap
    /duty set — put someone on meal duty; /duty week — this week's duty records
    /schoolday — close a day or open one, e.g. /schoolday 12/4 closed sports day
    /term — set the terms (no school outside them)
    /peican — parent meal visits (/peican open DATE MEAL SEATS, list, close)
    /report — food-safety report (/report month, /report term)
    /export — export data as a spreadsheet (holds health details; administrators only)
    /grant — grant a role (/grant USER_ID admin|duty)
    /revoke — revoke a role (/revoke USER_ID [admin|duty])
    Send a .csv or .xlsx menu file to import menus.
help-group =
    <b>Food-safety group commands:</b>
    /cases — open cases
    /case N — a case's full history
    /report — food-safety report (/report month, /report term)
    Reply to a case card to answer the parent.
    Cases about illness or allergic reactions say until when the meal's retained samples are kept; once they are sealed, press "🧪 Samples sealed" on the card.

cmd-start = Start / join a class
cmd-help = Help
cmd-menu = Today's menu
cmd-duty = Meal duty roster and records
cmd-feedback = Report a meal problem
cmd-myreports = My reports
cmd-notices = School notices
cmd-children = My children
cmd-settings = Settings
cmd-language = Language
cmd-mydata = My data
cmd-deletedata = Erase my data
cmd-stop = Stop all messages
cmd-cancel = Cancel the current step
cmd-notice = Send a notice (admin)
cmd-schoolday = School days (admin)
cmd-term = Terms (admin)
cmd-grant = Grant a role (admin)
cmd-revoke = Revoke a role (admin)
cmd-cases = Open cases
cmd-case = Case history
