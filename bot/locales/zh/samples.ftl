## 留样 as evidence: on case cards, outbreak alerts and escalations (the group's language)

samples-moment = { $month }月{ $day }日 { $time }
samples-held = 🧪 <b>留样保留至 { $until }</b>。请把这一餐的留样延长保留并封存（超过 48 小时也不要处理），封存后点“留样已封存”。
samples-sealed = 🧪 留样已封存：{ $who }，{ $time }
samples-discarded = 🧪 这一餐的留样已于 { $until } 到期处理（48 小时），无法再留存，请不必再找。
samples-unconfirmed = 🧪 #{ $id } 的留样还没有人确认封存（保留至 { $until }）。
samples-button-seal = 🧪 留样已封存
samples-seal-done = 已记录：留样已封存。
samples-already-sealed = 这一餐的留样已经有人确认封存了。
samples-too-late = 这一餐的留样已超过 48 小时，无法再确认封存。
fb-event-samples-sealed = 留样已封存
