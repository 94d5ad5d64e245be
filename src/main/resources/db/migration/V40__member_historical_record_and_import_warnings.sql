-- 发展党员工作细则: a full member's 转正日期 is 入党日期 + 1 year, or + 18 to 24 months after an extension.
-- Old paper files hold conversions recorded late: such a profile is accepted only when marked as a
-- historical record, and the mark is kept so the profile keeps showing the warning.
alter table member add column historical_record boolean not null default false;

-- Rows an import accepted with a warning (a historical record outside the probation rule), shown in the result.
alter table member_import add column warnings text;
alter table member_import add column warning_count int not null default 0;
