-- Issue 22: the audit log becomes tamper-evident. A sealer gives each committed entry, in id order, its place in
-- the chain (chain_seq) and a MAC over its content and the previous entry's MAC (see audit.AuditChain).
alter table audit_event add column chain_seq bigint;
alter table audit_event add column mac varchar(80);
create unique index audit_event_chain_uq on audit_event (chain_seq);
create index audit_event_unsealed_idx on audit_event (id) where chain_seq is null;

-- Still append-only. Two changes are allowed: a counted row counts up within its minute (V43), its chain fields
-- unchanged; and an entry not yet sealed is sealed once (chain_seq and mac from null to a value), nothing else
-- changing. Deletes and truncation stay refused.
create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.id = old.id and new.occurred_at = old.occurred_at and new.actor = old.actor
       and new.ip is not distinct from old.ip and new.action = old.action
       and new.entity_type is not distinct from old.entity_type and new.entity_id is not distinct from old.entity_id
       and new.summary is not distinct from old.summary and new.outcome = old.outcome
       and new.tally_key is not distinct from old.tally_key then
        if old.tally_key is not null and new.occurrences = old.occurrences + 1
           and new.last_occurred_at >= old.occurred_at
           and new.last_occurred_at < old.occurred_at + interval '2 minutes'
           and new.chain_seq is not distinct from old.chain_seq and new.mac is not distinct from old.mac then
            return new;
        end if;
        if old.chain_seq is null and old.mac is null and new.chain_seq is not null and new.mac is not null
           and new.occurrences = old.occurrences
           and new.last_occurred_at is not distinct from old.last_occurred_at then
            return new;
        end if;
    end if;
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

-- The checks of the chain: when, what they found, and the chain's head then (a later check finds a cut tail).
create table audit_verification (
    id            bigserial primary key,
    checked_at    timestamptz not null default now(),
    checked_by    varchar(64) not null,
    valid         boolean     not null,
    checked       bigint      not null,
    first_broken  bigint,
    unsealed      bigint      not null,
    head_seq      bigint,
    head_mac      varchar(80),
    millis        bigint      not null
);
