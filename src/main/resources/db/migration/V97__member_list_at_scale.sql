-- The member list at a province's 1 000 000 members (issue 23).
--
-- Name search: the single characters and the pairs of neighbouring characters of a name, lower-cased. A name
-- contains a text of one or two characters exactly when its grams contain the text's grams; a longer text needs
-- all its grams, then the LIKE check. Works whatever the database's locale (pg_trgm drops CJK characters when
-- the cluster was initialised with the C locale, and needs three characters).
create function member_name_grams(t text) returns text[]
    language plpgsql immutable strict parallel safe as $$
declare
    s text := lower(t);
    n int := char_length(s);
    r text[] := '{}';
    g text;
begin
    for i in 1 .. n loop
        g := substr(s, i, 1);
        if not g = any (r) then
            r := r || g;
        end if;
        if i < n then
            g := substr(s, i, 2);
            if not g = any (r) then
                r := r || g;
            end if;
        end if;
    end loop;
    return r;
end
$$;

-- a column, not only an index expression: ANALYZE keeps statistics of its most common elements (王 is common,
-- 张伟 is not), so the planner chooses between walking the list's order and the GIN index
alter table member add column name_grams text[] generated always as (member_name_grams(name)) stored;
create index member_name_grams_idx on member using gin (name_grams);

-- 学号/工号 prefix: a btree that LIKE 'x%' can use whatever the collation
create index member_staff_prefix_idx on member (lower(staff_number) text_pattern_ops);

-- the list's orders over active members, each ending with the id (the keyset cursor's last key)
create index member_list_org_idx on member (organization_id, name, id) where departed_on is null;
create index member_list_name_idx on member (name, id) where departed_on is null;
create index member_list_join_idx on member (join_date, id) where departed_on is null;
drop index member_name_idx;

-- Active members per organisation, kept by the database itself on every insert, move, departure and delete
-- (a COPY included): the list's total and the counts of a subtree add these up instead of counting 1 000 000 rows.
create table member_count (
    organization_id bigint primary key,
    members         bigint not null
);
insert into member_count (organization_id, members)
select organization_id, count(*) from member where departed_on is null group by organization_id;

create function member_count_apply() returns trigger language plpgsql as $$
begin
    -- in the organisations' order, so that two writers lock the counters in the same order
    if tg_op = 'INSERT' then
        insert into member_count as c (organization_id, members)
        select organization_id, count(*) from new_rows where departed_on is null
        group by organization_id order by organization_id
        on conflict (organization_id) do update set members = c.members + excluded.members;
    elsif tg_op = 'DELETE' then
        insert into member_count as c (organization_id, members)
        select organization_id, -count(*) from old_rows where departed_on is null
        group by organization_id order by organization_id
        on conflict (organization_id) do update set members = c.members + excluded.members;
    else
        insert into member_count as c (organization_id, members)
        select organization_id, sum(d) from (
            select organization_id, 1 as d from new_rows where departed_on is null
            union all
            select organization_id, -1 from old_rows where departed_on is null) changes
        group by organization_id having sum(d) <> 0 order by organization_id
        on conflict (organization_id) do update set members = c.members + excluded.members;
    end if;
    return null;
end
$$;

create trigger member_count_insert after insert on member
    referencing new table as new_rows for each statement execute function member_count_apply();
create trigger member_count_update after update on member
    referencing old table as old_rows new table as new_rows for each statement execute function member_count_apply();
create trigger member_count_delete after delete on member
    referencing old table as old_rows for each statement execute function member_count_apply();
