-- issue 23, sixth round: active members per organisation AND status (正式 / 预备 …), kept by the database itself on
-- every insert, move, status change, departure and delete (a COPY and SQL written by hand included), as member_count
-- (V97) keeps them per organisation. 支委会 compliance asks which branches have 7 or more 正式党员
-- (OrganizationTree.withBranchCommittee, through the member module's Headcount): it adds up these rows instead of counting a province's 1 000 000 members
-- by status on every request. Filled here from the members there are (the backfill).
create table member_status_count (
    organization_id bigint not null,
    status          varchar(32) not null,
    members         bigint not null,
    primary key (organization_id, status)
);
insert into member_status_count (organization_id, status, members)
select organization_id, status, count(*) from member where departed_on is null group by organization_id, status;

create function member_status_count_apply() returns trigger language plpgsql as $$
begin
    -- in the keys' order, so that two writers lock the counters in the same order
    if tg_op = 'INSERT' then
        insert into member_status_count as c (organization_id, status, members)
        select organization_id, status, count(*) from new_rows where departed_on is null
        group by organization_id, status order by organization_id, status
        on conflict (organization_id, status) do update set members = c.members + excluded.members;
    elsif tg_op = 'DELETE' then
        insert into member_status_count as c (organization_id, status, members)
        select organization_id, status, -count(*) from old_rows where departed_on is null
        group by organization_id, status order by organization_id, status
        on conflict (organization_id, status) do update set members = c.members + excluded.members;
    else
        insert into member_status_count as c (organization_id, status, members)
        select organization_id, status, sum(d) from (
            select organization_id, status, 1 as d from new_rows where departed_on is null
            union all
            select organization_id, status, -1 from old_rows where departed_on is null) changes
        group by organization_id, status having sum(d) <> 0 order by organization_id, status
        on conflict (organization_id, status) do update set members = c.members + excluded.members;
    end if;
    return null;
end
$$;

create trigger member_status_count_insert after insert on member
    referencing new table as new_rows for each statement execute function member_status_count_apply();
create trigger member_status_count_update after update on member
    referencing old table as old_rows new table as new_rows for each statement execute function member_status_count_apply();
create trigger member_status_count_delete after delete on member
    referencing old table as old_rows for each statement execute function member_status_count_apply();
