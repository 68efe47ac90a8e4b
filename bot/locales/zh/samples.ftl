## 留样 as evidence: on case cards, outbreak alerts and escalations (the group's language)

samples-moment = { $month }月{ $day }日 { $time }
samples-held = 🧪 <b>这一餐的留样按规定保留到 { $until }</b>。请封存好、延长保存，到时间也不要处理；封存后点“留样已封存”。
samples-sealed = 🧪 留样已封存：{ $who }，{ $time }
samples-discarded = 🧪 这一餐的留样已在 { $until } 满 48 小时，按规定处理掉了，无法再封存，不用再找了。
samples-unconfirmed = 🧪 #{ $id } 的留样还没有人确认封存（按规定保留到 { $until }）。
samples-button-seal = 🧪 留样已封存
samples-seal-done = 已记录：留样已封存。
samples-already-sealed = 这一餐的留样已经有人确认封存了。
samples-too-late = 这一餐的留样已超过 48 小时，不能再确认封存了。
fb-event-samples-sealed = 留样已封存
