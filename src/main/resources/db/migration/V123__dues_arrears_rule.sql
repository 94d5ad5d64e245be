-- dues: the arrears rule stated once. For each of the members given, their unpaid months before a month, and the run
-- of unpaid months after the last month settled (paid or waived) before it: its length, its first month, and the sum
-- owed. DuesArrears (the notices, the member's page, the list), DuesWarnings (the warnings and their count, a batch
-- or the members in arrears anywhere) and DuesFigures (the dashboard) all read it. A member's last settled month is
-- one step of the unique (member, month) index; only members with an unpaid bill before the month are answered.
create function dues_arrears_runs(before_month date, member_ids bigint[])
returns table (member_id bigint, unpaid bigint, run bigint, run_start date, owed numeric)
language sql stable as $$
  select b.member_id, count(*),
         count(*) filter (where b.month > s.last),
         min(b.month) filter (where b.month > s.last),
         sum(b.amount)
  from unnest(member_ids) as m(id)
  cross join lateral (select coalesce(max(x.month), '-infinity'::date) as last from dues_bill x
                      where x.member_id = m.id and x.state <> 'UNPAID' and x.month < before_month) s
  join dues_bill b on b.member_id = m.id and b.state = 'UNPAID' and b.month < before_month
  group by b.member_id
$$;
