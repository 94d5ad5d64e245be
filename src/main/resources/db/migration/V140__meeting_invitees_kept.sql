-- orglife: how many members each meeting invites, kept on its row. A list page counted them per meeting: 51 look-ups of
-- meeting_invitee's key, 154 of a school's 393 buffers.
alter table meeting add column invitees integer not null default 0;

-- by statement (COPY included); the meetings in their ids' order, so that two writers lock them in the same order
create function meeting_invitees_apply() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        update meeting m set invitees = m.invitees + c.n
        from (select meeting_id, count(*) as n from new_rows group by meeting_id order by meeting_id) c
        where m.id = c.meeting_id;
    else
        update meeting m set invitees = m.invitees - c.n
        from (select meeting_id, count(*) as n from old_rows group by meeting_id order by meeting_id) c
        where m.id = c.meeting_id;
    end if;
    return null;
end
$$;

create trigger meeting_invitees_insert after insert on meeting_invitee
    referencing new table as new_rows for each statement execute function meeting_invitees_apply();
create trigger meeting_invitees_delete after delete on meeting_invitee
    referencing old table as old_rows for each statement execute function meeting_invitees_apply();

-- an invitation is never moved to another meeting; should one be, both counts follow
create function meeting_invitees_move() returns trigger language plpgsql as $$
begin
    update meeting set invitees = invitees - 1 where id = old.meeting_id;
    update meeting set invitees = invitees + 1 where id = new.meeting_id;
    return null;
end
$$;

create trigger meeting_invitees_move after update of meeting_id on meeting_invitee
    for each row when (old.meeting_id <> new.meeting_id) execute function meeting_invitees_move();

update meeting m set invitees = c.n
from (select meeting_id, count(*) as n from meeting_invitee group by meeting_id) c
where m.id = c.meeting_id;
