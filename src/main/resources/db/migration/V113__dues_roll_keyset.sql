-- The dues roll a page at a time at any level of a province (issue 23): the month's bills walked in
-- (organisation, member) order from a cursor, the state read from the index to filter paid or unpaid bills
-- without visiting the rows it skips. It serves what the (month, organization_id) index served.
create index dues_bill_roll_idx on dues_bill (month, organization_id, member_id) include (state);
drop index dues_bill_month_org_idx;
