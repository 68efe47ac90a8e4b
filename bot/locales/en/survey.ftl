## The termly satisfaction survey (满意度测评): /survey (administrators), parents answering, results.

cmd-survey = Satisfaction survey (admin)
cmd-changed = Publish "you asked, we changed" (admin)

survey-item-quality = Quality of the food
survey-item-taste = Taste
survey-item-nutrition = Balanced nutrition
survey-item-price = Price
survey-item-canteen_hygiene = Canteen hygiene
survey-item-tableware_hygiene = Tableware hygiene
survey-item-service = Staff attitude
survey-item-order = Order at mealtimes
survey-item-recommend = Would recommend

survey-question-quality = How satisfied are you with the quality of the canteen's food?
survey-question-taste = How satisfied are you with the taste of the meals?
survey-question-nutrition = How satisfied are you with the nutritional balance of the meals?
survey-question-price = How satisfied are you with the price of the meals?
survey-question-canteen_hygiene = How satisfied are you with the canteen's hygiene?
survey-question-tableware_hygiene = How satisfied are you with the cleanliness of the tableware?
survey-question-service = How satisfied are you with the canteen staff's attitude?
survey-question-order = How satisfied are you with the order at mealtimes?
survey-question-recommend = Would you recommend our school canteen to other parents?

survey-scale-1 = 1 · Very dissatisfied
survey-scale-2 = 2 · Dissatisfied
survey-scale-3 = 3 · Neutral
survey-scale-4 = 4 · Satisfied
survey-scale-5 = 5 · Very satisfied
survey-hint-scale = Tap a button below.
survey-hint-recommend = Pick a score: { $low } means certainly not, { $high } means certainly.

survey-setup =
    📋 <b>Start this term's parent satisfaction survey</b>
    It goes to every parent who has joined; they answer with buttons, and answers are kept anonymously once submitted.

    Items (tap a button to drop one or take it back):
    { $items }
    Plus one optional question for suggestions.

    Closes: <b>{ $date }</b> at 20:00 (parents who have not finished are reminded two days before)
survey-button-days = { $days } days
survey-button-start = 📤 Start the survey
survey-use-buttons = Please set up the survey with the buttons above, or send /cancel.
survey-keep-one = At least one item must stay in the survey.
survey-nobody = No parent has joined yet, so the survey cannot be sent.
survey-open-elsewhere = A survey is already open; only one can run at a time. Send /survey results to see its results.
survey-started =
    { $count ->
        [one] ✅ The survey has started and is going to { $count } parent; it closes on { $date } at 20:00. The results then go to the food-safety group; send /survey results at any time.
       *[other] ✅ The survey has started and is going to { $count } parents; it closes on { $date } at 20:00. The results then go to the food-safety group; send /survey results at any time.
    }
survey-already-open =
    📋 This term's survey is open: { $responses }/{ $recipients } parents have submitted; it closes on { $date } at 20:00.
    Send /survey results to see the results so far.
survey-usage = Usage: /survey starts this term's survey; /survey results shows the results.
survey-none-yet = No satisfaction survey has been run yet. Send /survey to start one.

survey-invitation =
    📋 <b>{ $school } parent satisfaction survey</b>
    Help us make your child's meals better: please take two minutes to rate the canteen. { $count } questions with buttons, and one optional question for suggestions.
    Your answers are anonymous: once submitted, they are no longer linked to your account.
    Closes: { $date } at 20:00
survey-button-go = ✍️ Start
survey-reminder =
    ⏰ The parent satisfaction survey closes on <b>{ $date } at 20:00</b>, and you have not finished it yet.
    Tap the button below to go on; your answers so far are kept.
survey-button-continue = ✍️ Continue
survey-question =
    📋 Satisfaction survey ({ $number }/{ $total })

    <b>{ $question }</b>
    { $hint }
survey-button-back = ⬅️ Previous
survey-button-skip = Skip
survey-ask-suggestion =
    📋 Last question (optional)

    <b>Any comments or suggestions for the canteen?</b>
    Just send them as a message (at most { $max } characters), or tap "Skip".
survey-suggestion-noted = ✍️ Suggestion noted. Please tap "Submit anonymously" in the survey above.
survey-suggestion-bad = Please send your suggestion as text, at most { $max } characters.
survey-answer-line = { $item }: { $score }
survey-your-suggestion = Your suggestion: { $text }
survey-no-suggestion = No suggestion.
survey-confirm =
    📋 <b>Please check your answers</b>

    { $answers }

    { $suggestion }

    They are kept anonymously once submitted and cannot be changed.
survey-button-submit = ✅ Submit anonymously
survey-thanks = 🙏 Thank you for taking part! Your answers are kept anonymously. The school will share the results, and what it changes, in a notice.
survey-already-answered = You have already submitted this survey. Thank you!
survey-closed = This survey has closed. Thank you for your interest.
survey-stale = Noted; please answer the latest question.

survey-results-title =
    📊 <b>Parent satisfaction survey results</b>{ $term }
    { $first } to { $last } ({ $state })
survey-state-open = open
survey-state-closed = closed
survey-results-rate = Responses: { $responses }/{ $recipients } parents ({ $rate })
survey-results-first = This is the first survey: there is no earlier one to compare with.
survey-results-previous = In brackets: the previous survey{ $term } ({ $responses } parents took part, { $rate }).
survey-result-item = <b>{ $item }</b>: average { $mean } · satisfied (4–5) { $satisfied } · { $count } answers
survey-result-recommend = <b>{ $item }</b> (0–10): average { $mean } · would recommend (9–10) { $satisfied } · { $count } answers
survey-result-before = (last time: { $mean } · { $satisfied } { $arrow })
survey-results-suggestions = { $count ->
        [0] No written suggestions from parents.
       *[other] { $count } written suggestions from parents: see the next message.
    }
survey-suggestions-title = 💬 <b>Parents' suggestions</b> ({ $count }, anonymous)
survey-suggestion-line = { $number }. { $text }

# The results chart (drawn without a CJK font from these texts).
survey-chart-title = Share satisfied per item (1-5 items: 4-5; would recommend: 9-10)
survey-chart-x = Satisfied (%)
survey-chart-now = This survey
survey-chart-before = Previous survey
survey-chart-caption = 📊 Satisfaction survey: share satisfied per item
survey-chart-caption-compared = 📊 Satisfaction survey: share satisfied per item, with the previous survey
