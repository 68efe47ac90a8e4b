## Retained samples (留样) as evidence: on case cards, outbreak alerts and escalations

samples-moment = { $month }/{ $day } { $time }
samples-held = 🧪 <b>Retained samples are kept until { $until }</b>. Please keep this meal's samples beyond the 48 hours and seal them, then press "Samples sealed".
samples-sealed = 🧪 Samples sealed: { $who }, { $time }
samples-discarded = 🧪 This meal's retained samples were due for disposal at { $until } (48 hours); they can no longer be kept, so nobody needs to look for them.
samples-unconfirmed = 🧪 Nobody has confirmed yet that the samples for #{ $id } are sealed (kept until { $until }).
samples-button-seal = 🧪 Samples sealed
samples-seal-done = Recorded: the samples are sealed.
samples-already-sealed = Someone has already confirmed this meal's samples are sealed.
samples-too-late = This meal's samples are past 48 hours; they can no longer be confirmed sealed.
fb-event-samples-sealed = Retained samples sealed
