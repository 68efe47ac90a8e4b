## Closing a case without a note, and replies to a closed case

fb-notify-resolved-plain =
    ✅ 您的反馈 #{ $id } 已处理完毕。
    谢谢您告诉我们！
fb-resolved-done-plain = ✅ #{ $id } 已结案（未写处理说明），已通知家长。
