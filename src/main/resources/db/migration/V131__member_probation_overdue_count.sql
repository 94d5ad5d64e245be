-- issue 23, seventh round: 预备期超期 per organisation, kept. The home page's 待办 names the five branches with the
-- most active 预备党员 who joined before a day (two years before today: the 预备期 and its longest extension); at a
-- province's root that counted 100 000 members on every visit. The count depends on the day, so it is kept for one
-- day at a time: member_probation_overdue_day says which (joined before it), a job moves it each day and counts
-- again, and the database itself keeps the counts on every insert, move, status change, departure, join-date
-- correction and delete in between (a COPY and SQL written by hand included), as member_count (V97) does. A reader
-- whose day is not the kept one counts the members as before.
create table member_probation_overdue_day (
    only_row      boolean primary key default true check (only_row),
    joined_before date not null
);
insert into member_probation_overdue_day (joined_before)
values (((now() at time zone 'Asia/Shanghai')::date - interval '2 years')::date);

create table member_probation_overdue (
    organization_id bigint primary key,
    members         bigint not null
);
insert into member_probation_overdue (organization_id, members)
select organization_id, count(*) from member
where departed_on is null and status = 'PROBATIONARY' and join_date < (select joined_before from member_probation_overdue_day)
group by organization_id;

create function member_probation_overdue_apply() returns trigger language plpgsql as $$
declare
    day date;
begin
    -- most writes touch no 预备党员: nothing to count, nothing to lock
    if tg_op = 'INSERT' then
        if not exists (select 1 from new_rows where status = 'PROBATIONARY' and departed_on is null) then
            return null;
        end if;
    elsif tg_op = 'DELETE' then
        if not exists (select 1 from old_rows where status = 'PROBATIONARY' and departed_on is null) then
            return null;
        end if;
    elsif not exists (select 1 from new_rows where status = 'PROBATIONARY' and departed_on is null)
          and not exists (select 1 from old_rows where status = 'PROBATIONARY' and departed_on is null) then
        return null;
    end if;
    -- shared with other writers; the daily recount holds it exclusively, so a write is either counted by the
    -- recount (it committed before) or applied to the new day's counts (it waited)
    select joined_before into day from member_probation_overdue_day for share;
    -- in the organisations' order, so that two writers lock the counters in the same order
    if tg_op = 'INSERT' then
        insert into member_probation_overdue as c (organization_id, members)
        select organization_id, count(*) from new_rows
        where status = 'PROBATIONARY' and departed_on is null and join_date < day
        group by organization_id order by organization_id
        on conflict (organization_id) do update set members = c.members + excluded.members;
    elsif tg_op = 'DELETE' then
        insert into member_probation_overdue as c (organization_id, members)
        select organization_id, -count(*) from old_rows
        where status = 'PROBATIONARY' and departed_on is null and join_date < day
        group by organization_id order by organization_id
        on conflict (organization_id) do update set members = c.members + excluded.members;
    else
        insert into member_probation_overdue as c (organization_id, members)
        select organization_id, sum(d) from (
            select organization_id, 1 as d from new_rows
            where status = 'PROBATIONARY' and departed_on is null and join_date < day
            union all
            select organization_id, -1 from old_rows
            where status = 'PROBATIONARY' and departed_on is null and join_date < day) changes
        group by organization_id having sum(d) <> 0 order by organization_id
        on conflict (organization_id) do update set members = c.members + excluded.members;
    end if;
    return null;
end
$$;

create trigger member_probation_overdue_insert after insert on member
    referencing new table as new_rows for each statement execute function member_probation_overdue_apply();
create trigger member_probation_overdue_update after update on member
    referencing old table as old_rows new table as new_rows for each statement execute function member_probation_overdue_apply();
create trigger member_probation_overdue_delete after delete on member
    referencing old table as old_rows for each statement execute function member_probation_overdue_apply();
