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

-- The name search at a school (张伟 at 1 000 000 members: 116 ms p50 measured in the second round). Two costs in
-- the GIN index, both read for every search:
-- 1. the query asked for every gram of the text ({张, 张伟, 伟}): the posting lists of 张 and 伟 (tens of thousands of
--    names each) were intersected with the rare pair's. A text of two or more characters is contained in a name
--    only if all its pairs are, so the query asks for the pairs alone (one character: the character); the LIKE
--    recheck stays the exact test.
-- 2. the index's pending list (fastupdate): rows written since the last clean-up (up to the default 4 MB, about
--    500 pages after a bulk load) are scanned in full by every search. A limit of 64 kB keeps it to a few pages;
--    writes still go through it in small batches.
create function member_name_query_grams(t text) returns text[]
    language sql immutable strict parallel safe as $$
    select case when char_length(lower(t)) < 2 then array[lower(t)]
                else array(select distinct substr(lower(t), i, 2) from generate_series(1, char_length(lower(t)) - 1) i)
           end
$$;

alter index member_name_grams_idx set (gin_pending_list_limit = 64);
alter index applicant_name_grams_idx set (gin_pending_list_limit = 64);
select gin_clean_pending_list('member_name_grams_idx'::regclass);
select gin_clean_pending_list('applicant_name_grams_idx'::regclass);

-- The home page's 预备期超期 待办 (probationary members who joined more than two years ago, per branch): without it a
-- sequential scan of every member at a province's root (480 ms at 1 000 000); with it an index-only scan of the
-- probationers, by organisation (a school's array) and join date.
create index member_probation_idx on member (organization_id, join_date) where departed_on is null and status = 'PROBATIONARY';
