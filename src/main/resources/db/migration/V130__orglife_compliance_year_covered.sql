-- issue 23, sixth round: the kept compliance year (V112) read from its index alone. A report reads every branch's
-- rows of a year (a province: 140 000); their heap rows lie where the meetings' counting put them, so reading them
-- cost ~640 ms against ~70 ms from an index holding the rows' columns (measured at 20 000 branches). This index
-- replaces the one on (year, branch_id) and holds kind, group and the twelve months beside it.
create index orglife_branch_year_covered_idx on orglife_branch_year (year, branch_id) include (type, group_id, meetings);
drop index orglife_branch_year_year_idx;
