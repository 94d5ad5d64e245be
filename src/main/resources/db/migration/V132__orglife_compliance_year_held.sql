-- issue 23, seventh round: the kept compliance year (V112) once more, one row per branch and year. A report of a
-- province's year read 140 000 rows of orglife_branch_year (seven kinds a branch); counting adds to those rows one
-- meeting after another, and an index holding the months (V130) allows no in-place update, so the table and its index
-- grow to many times their rows (92 MB and 157 MB for 140 000 rows at 20 000 branches) and each report read them
-- through (≈ 0.5 s). Here the same counts come as one row a branch and year: the kinds and 党小组 as two arrays and
-- their months as one array of twelve months each (types[i], groups[i], meetings[i][1..12] are the row
-- (branch_id, year, types[i], groups[i]) of orglife_branch_year). Only counted meetings are in it: which kinds a branch
-- owes (支委会, 党小组会, 谈心谈话 by today's tree, seats and members) is still worked out when a report is read.
-- The database keeps it on every insert, update and delete of orglife_branch_year (the counting, a rebuild, SQL by
-- hand).
create table orglife_branch_year_held (
    year      smallint      not null,
    branch_id bigint        not null,
    types     varchar(30)[] not null,
    groups    bigint[]      not null,
    meetings  integer[]     not null,
    primary key (year, branch_id)
) with (fillfactor = 70);

insert into orglife_branch_year_held (year, branch_id, types, groups, meetings)
select year, branch_id, array_agg(type order by type, group_id), array_agg(group_id order by type, group_id),
       array_agg(meetings order by type, group_id)
from orglife_branch_year group by year, branch_id;

create function orglife_branch_year_held_apply() returns trigger language plpgsql as $$
declare
    ys smallint[];
    bs bigint[];
begin
    -- a rebuild (ComplianceCounts.rebuild) fills the table once at its end instead of once per counted chunk
    if current_setting('orglife.year_held_deferred', true) = 'on' then
        return null;
    end if;
    if tg_op = 'INSERT' then
        select array_agg(year order by year, branch_id), array_agg(branch_id order by year, branch_id) into ys, bs
        from (select distinct year, branch_id from new_rows) k;
    elsif tg_op = 'DELETE' then
        select array_agg(year order by year, branch_id), array_agg(branch_id order by year, branch_id) into ys, bs
        from (select distinct year, branch_id from old_rows) k;
    else
        select array_agg(year order by year, branch_id), array_agg(branch_id order by year, branch_id) into ys, bs
        from (select year, branch_id from new_rows union select year, branch_id from old_rows) k;
    end if;
    if ys is null then
        return null;
    end if;
    -- the branch-years' rows locked first, in the keys' order: a second transaction counting the same branch's year
    -- waits here, and the sums below (each statement sees what was committed until it starts) include the first's
    insert into orglife_branch_year_held (year, branch_id, types, groups, meetings)
    select y, b, '{}', '{}', '{}' from unnest(ys, bs) k(y, b) order by y, b
    on conflict (year, branch_id) do nothing;
    perform 1 from orglife_branch_year_held h join unnest(ys, bs) k(y, b) on h.year = k.y and h.branch_id = k.b
    order by h.year, h.branch_id for update of h;
    update orglife_branch_year_held h set types = s.types, groups = s.groups, meetings = s.meetings
    from (select r.year, r.branch_id, array_agg(r.type order by r.type, r.group_id) as types,
                 array_agg(r.group_id order by r.type, r.group_id) as groups,
                 array_agg(r.meetings order by r.type, r.group_id) as meetings
          from orglife_branch_year r join unnest(ys, bs) k(y, b) on r.year = k.y and r.branch_id = k.b
          group by r.year, r.branch_id) s
    where h.year = s.year and h.branch_id = s.branch_id;
    delete from orglife_branch_year_held h using unnest(ys, bs) k(y, b)
    where h.year = k.y and h.branch_id = k.b
      and not exists (select 1 from orglife_branch_year r where r.branch_id = k.b and r.year = k.y);
    return null;
end
$$;

create trigger orglife_branch_year_held_insert after insert on orglife_branch_year
    referencing new table as new_rows for each statement execute function orglife_branch_year_held_apply();
create trigger orglife_branch_year_held_update after update on orglife_branch_year
    referencing old table as old_rows new table as new_rows for each statement execute function orglife_branch_year_held_apply();
create trigger orglife_branch_year_held_delete after delete on orglife_branch_year
    referencing old table as old_rows for each statement execute function orglife_branch_year_held_apply();
