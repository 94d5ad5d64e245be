-- The roll's and the reports' totals at a province's root read one month of the running totals with no organisation
-- to narrow by, and the key leads with the organisation: without this index that is a scan of every month's rows
-- (548 527 rows, 43-47 ms on the generated province; 4 ms with it, 17 ms cold). The month alone is indexed, not
-- bills or amount, so a payment's update of its total stays a HOT update (V16's fillfactor 50).
create index dues_bill_tally_month_idx on dues_bill_tally (month);
