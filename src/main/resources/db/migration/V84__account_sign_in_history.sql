-- security-a: the last and the previous sign-in (time and address), shown after sign-in
alter table account
    add column last_sign_in_at       timestamptz,
    add column last_sign_in_from     varchar(64),
    add column previous_sign_in_at   timestamptz,
    add column previous_sign_in_from varchar(64);
