## Closing a case without a note, and replies to a closed case

fb-notify-resolved-plain =
    ✅ Your report #{ $id } has been dealt with.
    Thank you for telling us!
fb-resolved-done-plain = ✅ #{ $id } is resolved (without a note); the parent has been told.
