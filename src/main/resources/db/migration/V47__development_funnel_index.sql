-- The funnel counts the approved steps 1, 3, 7, 17 and 24 of a year per branch: an index that holds what it reads
-- (the date, the step, the branch, and what tells a conversion from an extension or a cancellation), so the year's
-- rows are counted from the index alone (index-only scan) instead of ~20 000 heap rows at 20 000 people.
create index development_step_funnel_idx on development_step (done_on, step)
    include (organization_id, extension_months, cancelled) where decision = 'APPROVED';
