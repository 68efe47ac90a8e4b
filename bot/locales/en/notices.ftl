## School notices: /notice (administrators compose and send), /notices (parents read).

notice-ask =
    📝 Please send the notice:
    • text alone (up to { $text_max } characters), or
    • one photo or one file with a caption, which is the notice's text (up to { $caption_max } characters).
    Next you choose who gets it and see a preview. Send /cancel at any time to stop.
notice-empty = The notice is empty. Please send text; with a photo or a file, add a caption as the notice's text.
notice-too-long = The notice is too long: { $length } characters, at most { $max } allowed. Please shorten it and send it again.
notice-unsupported = Sorry, a notice can only be text, or one photo or one file with a caption. Stickers, voice messages, videos and the like can't be sent as notices; please send it again.
notice-album = A notice can carry only one photo or one file. Please send a single photo with a caption.
notice-use-buttons = Please continue with the buttons above, or send /cancel to stop. To change the text, send /notice to start again.

notice-pick-audience = 👥 Who should get this notice?
notice-button-all = All parents
notice-button-grade = A grade
notice-button-class = A class
notice-button-allergen = By allergen
notice-pick-grade = Choose a grade:
notice-pick-class-grade = Choose the class's grade:
notice-pick-class = Choose a class in <b>{ $grade }</b>:
notice-pick-allergen = Send to parents of children allergic to:
notice-no-classes = The school has not set up its classes yet, so a notice can only go to all parents.
notice-audience-chosen = 👥 Audience: { $audience }

notice-to-all = all parents
notice-to-grade = all parents in { $grade }
notice-to-class = parents in { $class }
notice-to-allergen = parents of children allergic to { $allergen }

notice-confirm =
    👆 This is the notice as parents will get it (preview).
    Audience: { $audience }, { $count ->
        [one] { $count } parent
       *[other] { $count } parents
    }.
    Send it?
notice-confirm-nobody =
    👆 This is the notice preview.
    Audience: { $audience } — no parent matches at the moment, so it cannot be sent. Please choose another audience, or cancel.
notice-button-send = 📤 Send to { $count ->
        [one] { $count } parent
       *[other] { $count } parents
    }
notice-button-change = 👥 Change audience

notice-progress =
    📤 Sending the notice ({ $audience }): { $done }/{ $total }
    delivered { $sent } · blocked { $blocked } · failed { $failed }
notice-report =
    ✅ Notice sent ({ $audience }, { $total ->
        [one] { $total } parent
       *[other] { $total } parents
    })
    Delivered: { $sent }
    Blocked the bot: { $blocked }
    Failed: { $failed }
notice-report-failures =
    Why some failed:
    { $lines }
notice-report-failure = • <code>{ $chat }</code>: { $reason }
notice-report-more = …and { $count } more

notice-message-header = 📢 <b>Notice from { $school }</b>
notice-message-footer = 🗓 { $date }

notice-list-title = <b>📢 Recent school notices</b>
notice-list-item =
    🗓 <b>{ $date }</b>{ $mark }
    { $body }
notice-mark-photo = {" "}(photo attached)
notice-mark-document = {" "}(file attached)
notice-list-empty = There are no school notices for you yet. I'll send you new ones as soon as they are published.
