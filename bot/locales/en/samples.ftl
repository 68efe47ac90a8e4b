## Retained samples (留样) as evidence: on case cards, outbreak alerts and escalations

samples-moment = { $month }/{ $day } { $time }
samples-held = 🧪 <b>This meal's retained samples are due to be kept until { $until }</b>. Please keep them longer and seal them, even past the 48 hours; once sealed, press "Samples sealed".
samples-sealed = 🧪 Samples sealed: { $who }, { $time }
samples-discarded = 🧪 This meal's retained samples reached 48 hours at { $until } and were disposed of as the rules say; they can no longer be sealed, so nobody needs to look for them.
samples-unconfirmed = 🧪 Nobody has confirmed yet that the samples for #{ $id } are sealed (due to be kept until { $until }).
samples-button-seal = 🧪 Samples sealed
samples-seal-done = Recorded: the samples are sealed.
samples-already-sealed = Someone has already confirmed this meal's samples are sealed.
samples-too-late = This meal's samples are past 48 hours; they can no longer be confirmed as sealed.
fb-event-samples-sealed = Retained samples sealed
