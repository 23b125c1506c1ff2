"""What the people app tells the apps above it. The people app sits below the messages
(alongside.notifications), so it cannot send one itself: it says what happened, and
alongside.notifications.people_messages tells the person."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `proposal=` (a Proposal of a new version of the plan), inside the transaction
# that saves it: if that is rolled back, nobody is told.
plan_change_suggested = Signal()
