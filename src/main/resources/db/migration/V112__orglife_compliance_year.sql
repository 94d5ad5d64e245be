-- 组织生活 compliance kept per branch and year beside the months: one row per branch, year, kind and 党小组 with the
-- meetings counted in each month (meetings[1] January … meetings[12] December), so a province's year is read as
-- 140 000 rows, not 700 000 grouped. Kept by the orglife module together with orglife_branch_month, in the same
-- transaction and by adding, and rebuilt with it.
create table orglife_branch_year (
    branch_id bigint      not null,
    year      smallint    not null,
    type      varchar(30) not null,
    group_id  bigint      not null default 0,
    meetings  integer[]   not null,
    primary key (branch_id, year, type, group_id)
);
create index orglife_branch_year_year_idx on orglife_branch_year (year, branch_id);

insert into orglife_branch_year (branch_id, year, type, group_id, meetings)
select k.branch_id, k.year, k.type, k.group_id,
       array(select coalesce((select m.meetings from orglife_branch_month m
                              where m.branch_id = k.branch_id and m.type = k.type and m.group_id = k.group_id
                                and m.month = make_date(k.year, g.n, 1)), 0)
             from generate_series(1, 12) g(n) order by g.n)
from (select distinct branch_id, date_part('year', month)::smallint as year, type, group_id from orglife_branch_month) k;
