"""Pages of the accounts app: one's own account (log-in, second factor, profile), API tokens,
and the coordinator's organisations, users and memberships."""
