## Notices parents confirm (已阅), the reminder to those who have not, and "你说我改" notices.

notice-changed-ask =
    💬 <b>You asked, we changed</b>: first send what parents asked for (from the survey, a case or comments on a dish; at most { $max } characters).
    Then send what the school changed. Send /cancel at any time to stop.
notice-changed-asked-bad = Please write what parents asked for as text, at most { $max } characters.
notice-changed-ask-body = Thank you. Now send what the school changed (text, or one photo or file with a caption).
notice-changed-header = 💬 <b>You asked, we changed · { $school }</b>
notice-changed-asked = <b>What parents asked for:</b>
notice-changed-done = <b>What we changed:</b>

notice-confirm-asks = ☑️ Parents will see a "Got it" button; after sending you can see who has confirmed.
notice-confirm-asks-not = Parents are not asked to confirm they have read it.
notice-button-confirm-on = ☑️ Ask parents to confirm
notice-button-confirm-off = ✖️ No confirmation

notice-button-seen = ✅ Got it
notice-button-seen-done = ✅ Confirmed
notice-seen-thanks = Confirmed, thank you!
notice-seen-already = You have already confirmed. Thank you!
notice-reminder-note = ⏰ <b>Reminder:</b> please read this notice and tap "Got it" below.
notice-report-confirmed = { $confirmed } confirmed · { $waiting } not yet

notice-rates-title = <b>☑️ Notices parents confirm</b>
notice-rates-empty = No recent notices ask parents to confirm them.
notice-rates-item =
    🗓 <b>{ $date }</b> { $body }
    Confirmed { $confirmed }/{ $sent } ({ $rate })
notice-rates-reminded = Parents who had not confirmed have been reminded.
notice-button-remind =
    { $count ->
        [one] 🔔 Remind the parent who has not confirmed
       *[other] 🔔 Remind the { $count } parents who have not confirmed
    }
notice-remind-sent =
    { $count ->
        [one] Reminded the parent who had not confirmed.
       *[other] Reminded { $count } parents who had not confirmed.
    }
notice-remind-already = Parents were already reminded about this notice; each notice gets one reminder.
