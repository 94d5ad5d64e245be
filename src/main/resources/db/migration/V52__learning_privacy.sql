-- A member who does not want their name in a points ranking (only shown at all when the setting turns it on).
create table learning_privacy (
    account_id bigint      primary key,
    hide_name  boolean     not null,
    changed_at timestamptz not null
);
