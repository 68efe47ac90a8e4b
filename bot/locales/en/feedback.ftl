## Feedback: ratings, the guided report, cases, the food-safety group

# ---- categories, onsets, statuses ----
fb-cat-taste = Taste
fb-cat-portion = Portion size
fb-cat-temperature = Temperature
fb-cat-hygiene = Hygiene
fb-cat-foreign_object = Foreign object
fb-cat-illness = Suspected illness
fb-cat-allergy = Allergic reaction
fb-cat-service = Service
fb-cat-praise = Praise
fb-cat-other = Other
fb-onset-1h = within 1 hour of the meal
fb-onset-6h = 1–6 hours after the meal
fb-onset-24h = 6–24 hours after the meal
fb-onset-later = more than 24 hours after
fb-onset-unsure = not sure
fb-unsure = Not sure
fb-unknown = not registered
fb-status-recorded = 📝 recorded
fb-status-open = 🔴 waiting for acknowledgement
fb-status-acknowledged = 🟡 acknowledged, in progress
fb-status-answered = 💬 answered
fb-status-resolved = ✅ resolved
fb-fu-recovered = Recovered
fb-fu-unwell = Still unwell
fb-fu-doctor = Saw a doctor
fb-photo-marker = 📷 photo

# ---- one-tap ratings ----
fb-rated = Saved: { $meal } { $face }
fb-rated-children = Saved for your { $count } children: { $meal } { $face }
fb-rate-future = This meal hasn't been served yet. Rate it after the meal.
fb-rate-no-meal = This meal is not on the menu (or is more than 14 days ago), so it cannot be rated.
fb-low-rating = 😔 Sorry { $meal } wasn't good. Would you tell us more? Your report goes to the school's food-safety group.
fb-button-more = 📝 Tell us more

# ---- the guided report ----
fb-draft-title = 📝 <b>Meal report</b>
fb-draft-summary = { $summary }
fb-ask-child = Which child is this about?
fb-ask-date = Which day was the meal?
fb-ask-date-pick = Choose the date:
fb-ask-meal = Which meal?
fb-ask-dish = Which dish? If it's not one dish, or you're not sure, tap "Whole meal / not sure".
fb-ask-category = What kind of problem is it?
fb-ask-rating = How would you rate the meal (😋 best, 😣 worst)?
fb-ask-affected = How many children have symptoms? Tap a button or send the number.
fb-ask-onset = When did the symptoms begin? Tap a button or describe it in words.
fb-ask-text = Please describe what happened in a few words (you can also send photos; a photo's caption is added to the description).
fb-ask-photos = You can send up to { $max } photos ({ $count } received). When you're done, or have none, tap "Done".
fb-ask-anonymous = Send with your name? If you choose anonymous, the group won't see your name but can still answer you through the bot.
fb-button-child-none = Not one child / several children
fb-button-today = Today, { $date }
fb-button-yesterday = Yesterday, { $date }
fb-button-pick-date = An earlier date…
fb-button-no-dish = Whole meal / not sure
fb-button-skip = Skip
fb-button-done = ✅ Done
fb-button-named = 👤 Send with my name
fb-button-anonymous = 🕶 Send anonymously
fb-button-send = ✅ Send
fb-preview-title = <b>Please check your report:</b>
fb-preview-confirm = If everything is right, tap "Send".
fb-line-meal = Meal: { $date }, { $meal }
fb-line-dish = Dish: { $dish }
fb-line-category = Category: { $category }
fb-line-rating = Rating: { $face } ({ $score }/5)
fb-line-affected = Children with symptoms: { $count ->
        [one] 1 child
       *[other] { $count } children
    }
fb-line-onset = Symptoms began: { $onset }
fb-line-photos = Photos: { $count }
fb-line-text = Description:
fb-line-anonymous = Sent: anonymously
fb-line-named = Sent: with your name
fb-submitted-flagged =
    ✅ We received your report, number <b>#{ $id }</b>.
    It has gone to the school's food-safety group; you'll hear about every step. Send /myreports to see its status.
fb-submitted-unreachable =
    ✅ Received: your report is <b>#{ $id }</b>.
    The school's food-safety group cannot be reached right now; the administrators have been told, and it goes to the group as soon as it can. You will hear of every step. Send /myreports to see where it stands.
fb-submitted-retrying =
    ✅ Received: your report is <b>#{ $id }</b>.
    The network was slow while passing it to the school's food-safety group; the bot keeps trying until it arrives, so there is no need to send it again. You will hear of every step. Send /myreports to see where it stands.
fb-group-unreachable-admin = ⚠️ <b>The bot cannot reach the food-safety group</b> ({ $reason }). Reports that need the group are kept and go out once the bot is back in it. Please add the bot to the group again, or check FOOD_SAFETY_CHAT_ID.
fb-submitted = ✅ Your report <b>#{ $id }</b> is recorded. Thank you! The school reviews all feedback regularly.
fb-submitted-praise = 💐 Thank you for the kind words (#{ $id })! We'll pass them on to the canteen.
fb-unsupported = I can't add this kind of message to a report. Please send text or photos.
fb-too-long = That description is too long (at most { $max } characters). Please shorten it a little.
fb-problem-use-buttons = Please choose with the buttons below; send /cancel to cancel this report.
fb-problem-not-a-number = Please send the number of children, or tap a button.
fb-problem-empty = Please send some text.
fb-text-added = ✏️ Added to your description.
fb-photo-added = 📷 Photo added ({ $count }/{ $max }).
fb-photo-full = A report can have at most { $max } photos; this one was not added.
fb-expired = ⌛ Your report wasn't finished within 30 minutes, so I cancelled it. Send /feedback to start again whenever you like.

# ---- outside any flow ----
fb-offer =
    Shall I send this to the school as meal feedback? Tap the button and I'll ask for the date, the meal and a few details.
    To see everything else I can do, send /help.
fb-button-file = 📝 Send as a report

# ---- /myreports ----
fb-myreports-empty = You haven't sent any reports yet. Send /feedback to start.
fb-myreports-title = <b>Your reports</b> (latest { $count }):
fb-myreports-line = <b>#{ $id }</b> · { $date }, { $meal } · { $category } · { $status }
fb-myreports-note = {"    "}Resolution: { $note }

# ---- status changes, replies and the follow-up (to the parent) ----
fb-notify-acknowledged = 👀 Your report #{ $id } has been acknowledged by the school's food-safety group and is being looked into.
fb-notify-resolved =
    ✅ Your report #{ $id } has been resolved.
    Resolution:
# To a duty leader about the case their 陪餐 record opened.
fb-notify-acknowledged-duty = 👀 The food-safety group has acknowledged case #{ $id } from your duty record and is working on it.
fb-notify-resolved-duty =
    ✅ Case #{ $id } from your duty record has been resolved.
    Resolution:
fb-relay-to-parent-duty = 💬 <b>The food-safety group</b> about your duty record (case #{ $id }):
fb-relay-photo-duty = 💬 <b>The food-safety group</b> sent a photo about your duty record (case #{ $id }); reply to this message to continue.
fb-thanks = Thank you for telling us!
fb-relay-to-parent = 💬 <b>The food-safety group</b> replied to your report #{ $id }:
fb-relay-hint = <i>Reply to this message to answer them.</i>
fb-relay-photo = 💬 <b>The food-safety group</b> sent a photo about your report #{ $id } (reply to this message to answer)
fb-reply-sent = ✅ Sent to the school's food-safety group.
fb-reply-failed = Sorry, I couldn't pass that on right now. Please try again later.
fb-followup =
    🩺 Hello! About your report #{ $id } ({ $date }, { $meal }): how is your child now?
    Tap a button below, or reply to this message to tell us more.
fb-followup-answered =
    🩺 Follow-up on report #{ $id }
    Your answer: { $answer }
fb-followup-thanks = Thank you, we've told the food-safety group.

# ---- the group: cards ----
fb-card-title = ⚠️ <b>Report #{ $id }</b>
fb-card-title-urgent = 🚨 <b>URGENT · Report #{ $id }</b>
fb-card-class = Class: { $class }
fb-card-keywords = Keywords: { $words }
fb-card-from = Parent: { $name }
fb-card-anonymous = Parent: anonymous (reply to reach them)
fb-card-no-words = The parent wrote no description.
fb-card-words = Parent's words:
fb-card-words-below = The parent's words are long; they follow in { $count } messages below.
fb-words-part = 📝 <b>#{ $id } parent's words ({ $part }/{ $total })</b>
fb-card-status = Status: { $status }
fb-card-acknowledged = Acknowledged by { $who } ({ $time })
fb-card-replies = Answered the parent { $count } time(s) (last: { $who })
fb-card-escalated = ⏰ Escalated { $count } time(s)
fb-card-resolved =
    Resolved by { $who } ({ $time })
    Resolution: { $note }
fb-card-hint = <i>Reply to this message to answer the parent; tap "Resolve" when it's done.</i>
fb-button-ack = 👀 Acknowledge
fb-button-resolve = ✅ Resolve
fb-button-ack-case = 👀 Acknowledge #{ $id }
fb-case-line = #{ $id } { $icon } { $class } · { $date }, { $meal } · { $category } · { $status }

# ---- the group: buttons, replies, resolution ----
fb-not-member = Only members of the food-safety group can act on cases.
fb-case-unknown = I can't find this case; the button may be out of date.
fb-ack-done = #{ $id } acknowledged; the parent has been told.
fb-already-acknowledged = #{ $id } was already acknowledged by { $who }.
fb-already-resolved = #{ $id } was already resolved by { $who }.
fb-resolve-asked = Send the resolution note in the group (as a plain message or a reply to the prompt), or press Resolve again to close without a note.
fb-mention = <a href="tg://user?id={ $user }">{ $name }</a>
fb-resolve-prompt = ✍️ { $who }, please send a short resolution note for #{ $id } within { $minutes } minutes, just as your next message here (it goes to the parent). No note needed? Press Resolve again.
fb-resolve-placeholder = Resolution note
fb-resolve-need-text = Please reply with the resolution note as text.
fb-resolved-done = ✅ #{ $id } resolved; the note was sent to the parent.
fb-resolved-not-told = ✅ #{ $id } resolved; the parent has blocked the bot or erased their data and could not be told.
fb-relay-unsupported = Only text and photos can be passed on to the parent.
fb-relay-failed = ⚠️ The reply could not be delivered (the parent may have blocked the bot or erased their data).
fb-parent-reply = 💬 <b>The parent replied on #{ $id }</b>:
fb-followup-to-group = 🩺 <b>#{ $id } 24-hour follow-up</b>:

# ---- the group: /case, /cases ----
fb-case-usage = Usage: /case NUMBER, e.g. /case 12
fb-case-not-found = No case #{ $id } was forwarded to the group.
fb-history-title = 📜 <b>History of #{ $id }</b>
fb-event-line = { $time } · { $what }
fb-event-who = {" "}({ $who })
fb-event-detail = : { $detail }
fb-event-created = sent by the parent
fb-event-forwarded = forwarded to the group
fb-event-batched = batched into an outbreak summary
fb-event-cluster = part of a possible outbreak
fb-event-acknowledged = acknowledged
fb-event-replied = answered the parent
fb-event-parent-replied = the parent replied
fb-event-resolved = resolved
fb-event-escalated = escalated (level { $level })
fb-event-follow-up-sent = 24-hour follow-up sent
fb-event-follow-up = follow-up answer
fb-cases-empty = 🎉 No open cases.
fb-cases-title = 📋 <b>Open cases ({ $count })</b>

# ---- escalation and outbreaks ----
fb-escalation = ⏰ <b>{ $count ->
        [one] 1 case
       *[other] { $count } cases
    } not acknowledged after { $minutes } minutes:</b>
fb-escalation-admin-end = Please make sure the food-safety group handles them.
fb-cluster-alert =
    🚨🚨 <b>Possible outbreak</b>
    { $date }, { $meal }: { $count } reports of suspected illness or foreign objects within 2 hours:
fb-cluster-alert-end = Check the retained food samples and start the emergency plan now. Further reports about this meal are summarised once a minute.
fb-cluster-summary = 🧾 <b>{ $date }, { $meal }: { $count } more related report(s)</b> (send /case NUMBER to see and handle each)

# ---- the group moved (Telegram upgraded it to a supergroup) ----
fb-group-moved =
    ℹ️ This group was upgraded to a supergroup and MealWatch moved with it: new case cards, reminders and outbreak alerts come here.
    A case from before gets its card posted here again when something happens on it; send /cases for the open ones.
