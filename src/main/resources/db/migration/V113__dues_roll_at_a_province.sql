-- The roll page names the relief proposals of its scope still waiting one level up: found by organisation among the
-- pending ones, however many reliefs the province has decided over the years.
create index dues_relief_pending_org_idx on dues_relief (organization_id) where state = 'PENDING';
