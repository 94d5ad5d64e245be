-- The applicant list and the pipeline board at a province (issue 23), as the member list does it (V97): the name's
-- grams (the member database's function member_name_grams, one definition of what a gram is), the 学号/工号 by
-- prefix, the list's order ending with the id (the keyset cursor), and the files per organisation and stage kept
-- by the database on every write, for the totals and the counts by stage.
alter table applicant add column name_grams text[] generated always as (member_name_grams(name)) stored;
create index applicant_name_grams_idx on applicant using gin (name_grams);
create index applicant_staff_prefix_idx on applicant (lower(staff_number) text_pattern_ops);
create index applicant_list_idx on applicant (organization_id, applied_on, id);
drop index applicant_org_idx;

create table applicant_count (
    organization_id bigint      not null,
    stage           varchar(15) not null,
    files           bigint      not null,
    primary key (organization_id, stage)
);
insert into applicant_count (organization_id, stage, files)
select organization_id, stage, count(*) from applicant group by organization_id, stage;

create function applicant_count_apply() returns trigger language plpgsql as $$
begin
    -- in the keys' order, so that two writers lock the counters in the same order
    if tg_op = 'INSERT' then
        insert into applicant_count as c (organization_id, stage, files)
        select organization_id, stage, count(*) from new_rows group by organization_id, stage order by 1, 2
        on conflict (organization_id, stage) do update set files = c.files + excluded.files;
    elsif tg_op = 'DELETE' then
        insert into applicant_count as c (organization_id, stage, files)
        select organization_id, stage, -count(*) from old_rows group by organization_id, stage order by 1, 2
        on conflict (organization_id, stage) do update set files = c.files + excluded.files;
    else
        insert into applicant_count as c (organization_id, stage, files)
        select organization_id, stage, sum(d) from (
            select organization_id, stage, 1 as d from new_rows
            union all
            select organization_id, stage, -1 from old_rows) changes
        group by organization_id, stage having sum(d) <> 0 order by 1, 2
        on conflict (organization_id, stage) do update set files = c.files + excluded.files;
    end if;
    return null;
end
$$;

create trigger applicant_count_insert after insert on applicant
    referencing new table as new_rows for each statement execute function applicant_count_apply();
create trigger applicant_count_update after update on applicant
    referencing old table as old_rows new table as new_rows for each statement execute function applicant_count_apply();
create trigger applicant_count_delete after delete on applicant
    referencing old table as old_rows for each statement execute function applicant_count_apply();
