-- issue 23, eighth round: the sum that makes orglife_branch_year_held (V132) from orglife_branch_year, written once.
-- V132 wrote it in its trigger and ComplianceCounts.rebuild a second time; both now call this function with the
-- branch-years to sum again (the rebuild: all of them).
create function orglife_branch_year_held_refill(ys smallint[], bs bigint[]) returns void language plpgsql as $$
begin
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
end
$$;

create or replace function orglife_branch_year_held_apply() returns trigger language plpgsql as $$
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
    if ys is not null then
        perform orglife_branch_year_held_refill(ys, bs);
    end if;
    return null;
end
$$;

-- V130's covering index is read by no report since V132 (they read orglife_branch_year_held), and because it holds
-- the months no counting update of orglife_branch_year could be made in place: the primary key (branch_id, year, …)
-- serves the trigger's and the counting's lookups.
drop index orglife_branch_year_covered_idx;
