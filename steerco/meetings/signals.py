"""What the meeting cycle tells the apps above it, which it may not import.

`decision_changed` is sent, inside the transaction of the action that made the change, when a
decision is recorded, amended or voided, so that what hangs on a decision elsewhere (a business
case approved, a project moving stage) changes with it or not at all. Its arguments:

- `decision`: the decision recorded, amended or voided;
- `items`: the agenda items whose standing decision may have changed: the decision's own, and
  those of the decisions it supersedes (or, once voided, superseded), which stand again;
- `by`: who made the change;
- `change`: "recorded", "amended" or "voided".

A receiver reads the standing decision from the items (`Decision.objects` omits voided ones);
it may refuse with a ValidationError, which undoes the whole change.

`papers_changed` is sent, inside the transaction of the action, when what a meeting's agenda
packs hold may have changed: the agenda published, an item saved, a paper added, replaced,
retitled, restricted, opened or withdrawn, a declaration made or voided (`meetings`, the
meetings concerned: a paper's carried copies are on other agendas; `by`).

`item_removing` is sent, in the transaction of `remove_item`, before an agenda item is taken off
a draft agenda (`item`, `by`): what came onto the agenda as that item lets go of it.

`action_added` is sent, inside the transaction of `add_action` or `raise_action`, with the
action just added (`action`, `by`): an action recorded at an item may have arisen from what the
item is about too (a risk escalated to it), which the app above links it to, or refuses.

`forwarded` is sent, inside the transaction of `forward`, with the forwardings just recorded
(`forwardings`, all of one meeting and one kind; `by`): the documents app keeps the file sent.
"""

from django.dispatch import Signal

action_added = Signal()
decision_changed = Signal()
forwarded = Signal()
item_removing = Signal()
papers_changed = Signal()
