## Joining a class, children, language, stop, data and roles

welcome-class =
    👋 Welcome to <b>{ $school }</b> MealWatch!
    You are joining <b>{ $class }</b>.
    Please send your child's name or nickname (used only for allergy warnings and reports), or tap "Skip".
button-skip = Skip
ask-allergens =
    Choose <b>{ $child }</b>'s allergens (several allowed), then tap "Done". No allergies? Tap "No allergens".
button-allergen-none = No allergens
button-done = ✅ Done
child-saved =
    ✅ Saved:
    Child: <b>{ $child }</b>
    Class: { $class }
    Allergens: { $allergens }

    Every school morning you'll get the menu, with a warning when a dish has one of your child's allergens.
    Send /help to see everything, or /children to add or change a child.
child-name-too-long = That name is too long; please use at most { $max } characters.
child-name-empty = Please send the name as text, or tap "Skip".
unknown-code = This invite link is not valid or has expired. Please choose your child's grade and class below:
no-code = Welcome to <b>{ $school }</b> MealWatch! Please choose your child's grade:
pick-grade = Choose a grade:
pick-class = Choose a class in <b>{ $grade }</b>:
no-classes = The school has not set up its classes yet. Please ask a school administrator for your class invite link.
already-registered =
    Hello! Your registered children:
    { $children }
    Send /menu for today's menu, /help for everything I can do.
welcome-back = Welcome back! Messages to you are on again.
stopped = I've stopped sending you any messages; your data is kept. Send /start to resume at any time.
children-list =
    <b>Your children:</b>
    { $children }
children-empty = You have not registered a child yet.
child-line = • { $child } ({ $class }) — allergens: { $allergens }
button-add-child = ➕ Add a child
button-edit-child = ✏️ Edit { $child }
button-remove-child = 🗑 Remove { $child }
confirm-remove-child = Remove <b>{ $child }</b>?
button-yes-remove = Remove
button-keep = Keep
child-removed = { $child } has been removed.
edit-child-name = Send <b>{ $child }</b>'s new name, or tap "Skip" to keep it.
language-pick = 请选择语言 / Choose a language:
language-set = Language set to English.
mydata =
    <b>Your data in MealWatch</b>
    Telegram user id: <code>{ $id }</code>
    Name: { $name }
    Language: { $language }
    Status: { $status }
    Daily menu: { $menu }{ $roles }
    Joined: { $joined }
    Reports sent: { $reports } (see /myreports)
    Children:
    { $children }
mydata-on = on
mydata-off = off
status-active = receiving messages
status-inactive = stopped
status-blocked = blocked the bot
mydata-roles = Roles: { $roles }
role-admin = administrator
role-duty = duty leader (陪餐)
deletedata-confirm = Erase everything we store about you? (Children, settings and roles are deleted; reports you sent are kept anonymously for the school's food-safety record.) This cannot be undone.
button-delete-yes = Yes, erase
button-delete-no = No, keep
deletedata-done = All your data has been erased. To use the bot again, join through your class invite link.
deletedata-kept = OK, nothing was changed.
grant-usage = Usage: /grant USER_ID admin|duty
revoke-usage = Usage: /revoke USER_ID [admin|duty]
grant-done = User <code>{ $user }</code> now has the role: { $role }.
grant-already = User <code>{ $user }</code> already has the role: { $role }.
grant-unknown-user = The bot has not met user <code>{ $user }</code> yet: ask them to send /start to the bot in a private chat first, then grant the role.
revoke-done = Revoked { $count } role(s) from user <code>{ $user }</code>.
revoke-none = User <code>{ $user }</code> has no role to revoke.
revoke-config-admin = User <code>{ $user }</code> is an administrator from the configuration (ADMIN_IDS); change the configuration to remove them.
