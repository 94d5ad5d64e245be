-- Lists read newest first a page at a time from the last row shown (after=): an index on (time, id) serves
-- the order and the position at once. These replace the indexes on the time alone.
create index meeting_start_id_idx on meeting (start_at, id);
drop index meeting_start_idx;
create index transfer_started_id_idx on transfer (started_at, id);
