"""Pages of the notifications app: inbox and e-mail choices, the outbox, public subscriptions."""
