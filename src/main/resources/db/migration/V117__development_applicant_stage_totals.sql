-- The applicant list at a province's root (issue 23): the counts by stage of the whole tree were a group by over
-- every organisation's counters (applicant_count, tens of thousands of rows at 25 000 organisations), on every
-- page. The files per stage of the whole platform are now kept too, by the same statement-level trigger, in the
-- same transaction: a handful of rows.
create table applicant_stage_total (
    stage varchar(15) primary key,
    files bigint      not null
);
insert into applicant_stage_total (stage, files) select stage, count(*) from applicant group by stage;

create or replace function applicant_count_apply() returns trigger language plpgsql as $$
begin
    -- each statement's changes per organisation and stage (delta), added to the counters in the keys' order so that
    -- two writers lock them in the same order, then per stage to the platform's totals
    if tg_op = 'INSERT' then
        with delta as (select organization_id, stage, count(*) as d from new_rows group by organization_id, stage),
        per_organization as (
            insert into applicant_count as c (organization_id, stage, files)
            select organization_id, stage, d from delta order by 1, 2
            on conflict (organization_id, stage) do update set files = c.files + excluded.files)
        insert into applicant_stage_total as t (stage, files)
        select stage, sum(d) from delta group by stage order by 1
        on conflict (stage) do update set files = t.files + excluded.files;
    elsif tg_op = 'DELETE' then
        with delta as (select organization_id, stage, -count(*) as d from old_rows group by organization_id, stage),
        per_organization as (
            insert into applicant_count as c (organization_id, stage, files)
            select organization_id, stage, d from delta order by 1, 2
            on conflict (organization_id, stage) do update set files = c.files + excluded.files)
        insert into applicant_stage_total as t (stage, files)
        select stage, sum(d) from delta group by stage order by 1
        on conflict (stage) do update set files = t.files + excluded.files;
    else
        with delta as (
            select organization_id, stage, sum(d) as d from (
                select organization_id, stage, 1 as d from new_rows
                union all
                select organization_id, stage, -1 from old_rows) changes
            group by organization_id, stage having sum(d) <> 0),
        per_organization as (
            insert into applicant_count as c (organization_id, stage, files)
            select organization_id, stage, d from delta order by 1, 2
            on conflict (organization_id, stage) do update set files = c.files + excluded.files)
        insert into applicant_stage_total as t (stage, files)
        select stage, sum(d) from delta group by stage having sum(d) <> 0 order by 1
        on conflict (stage) do update set files = t.files + excluded.files;
    end if;
    return null;
end
$$;
