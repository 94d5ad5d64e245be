-- Issue 13, probe 3: a refusal repeated by a caller who is not signed in (forged payment notifications, guessed
-- passwords, probes) counts up on one row per minute, address, action and named actor instead of one row each.
alter table audit_event add column occurrences int not null default 1;
alter table audit_event add column last_occurred_at timestamptz;
alter table audit_event add column tally_key varchar(255);
create unique index audit_event_tally_uq on audit_event (tally_key) where tally_key is not null;

-- Still append-only. The one change allowed: a counted row (tally_key set) counts up by one within its minute,
-- every other column unchanged. Deletes and truncation stay refused.
create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if old.tally_key is not null and new.tally_key = old.tally_key and new.id = old.id
           and new.occurred_at = old.occurred_at and new.actor = old.actor and new.ip is not distinct from old.ip
           and new.action = old.action and new.entity_type is not distinct from old.entity_type
           and new.entity_id is not distinct from old.entity_id and new.summary is not distinct from old.summary
           and new.outcome = old.outcome and new.occurrences = old.occurrences + 1
           and new.last_occurred_at >= old.occurred_at
           and new.last_occurred_at < old.occurred_at + interval '2 minutes' then
            return new;
        end if;
    end if;
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
