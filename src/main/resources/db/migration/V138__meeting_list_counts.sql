-- orglife: a page of the meetings list from the indexes alone, at any depth; only the page's rows are read.
--
-- Where the scope holds many of the meetings (a school: 5 % of a province's) the page walks all meetings newest first
-- and keeps the scope's: ~1 700 read to keep 51, each a heap fetch to learn its organisation before; with the
-- organisation and the type in the index the walk is index-only. Where it holds few (a college: 0.25 %) that walk
-- would read 20 000; the page reads the scope's own meetings by organisation and sorts them, index-only too with the
-- id and the type in that index. The planner chooses between them for each page's values.
create index meeting_start_scope_idx on meeting (start_at, id) include (organization_id, type);
drop index meeting_start_id_idx;
create index meeting_org_start_id_idx on meeting (organization_id, start_at, id) include (type);
drop index meeting_org_start_idx;

-- Meetings kept per organisation, as member_count keeps members (V97): the unfiltered list's total is their sum over
-- the scope, exact at any depth, instead of counting up to 10 000 meetings and asking the planner for the rest.
create table meeting_count (
    organization_id bigint primary key,
    meetings        bigint not null
);
insert into meeting_count (organization_id, meetings)
select organization_id, count(*) from meeting group by organization_id;

create function meeting_count_apply() returns trigger language plpgsql as $$
begin
    -- in the organisations' order, so that two writers lock the counters in the same order
    if tg_op = 'INSERT' then
        insert into meeting_count as c (organization_id, meetings)
        select organization_id, count(*) from new_rows group by organization_id order by organization_id
        on conflict (organization_id) do update set meetings = c.meetings + excluded.meetings;
    elsif tg_op = 'DELETE' then
        insert into meeting_count as c (organization_id, meetings)
        select organization_id, -count(*) from old_rows group by organization_id order by organization_id
        on conflict (organization_id) do update set meetings = c.meetings + excluded.meetings;
    else
        insert into meeting_count as c (organization_id, meetings)
        select organization_id, sum(d) from (
            select organization_id, 1 as d from new_rows
            union all
            select organization_id, -1 from old_rows) changes
        group by organization_id having sum(d) <> 0 order by organization_id
        on conflict (organization_id) do update set meetings = c.meetings + excluded.meetings;
    end if;
    return null;
end
$$;

create trigger meeting_count_insert after insert on meeting
    referencing new table as new_rows for each statement execute function meeting_count_apply();
create trigger meeting_count_update after update on meeting
    referencing old table as old_rows new table as new_rows for each statement execute function meeting_count_apply();
create trigger meeting_count_delete after delete on meeting
    referencing old table as old_rows for each statement execute function meeting_count_apply();
