-- Issue 22: key rotations of the data key. A rotation re-encrypts the members' ID-card numbers and phones (and
-- their look-up hashes) under its target version in batches, in id order from its cursor: resumable after a restart.
create table member_key_rotation (
    id             bigserial primary key,
    target_version int         not null,
    suite          varchar(8)  not null,
    started_at     timestamptz not null,
    started_by     varchar(64) not null,
    finished_at    timestamptz,
    cursor_id      bigint      not null default 0,
    total          bigint      not null,
    done           bigint      not null default 0,
    passes         int         not null default 1
);
create unique index member_key_rotation_running_uq on member_key_rotation ((true)) where finished_at is null;
