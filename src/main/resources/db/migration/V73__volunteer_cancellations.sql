-- An organiser cancels a shift (or every shift of an activity) before it starts, with a reason: the shift keeps its
-- sign-ups for the record but takes no more, no check-in and no hours.
alter table volunteer_shift add column cancelled_at timestamptz;
alter table volunteer_shift add column cancelled_reason varchar(500);
alter table volunteer_shift add column cancelled_by varchar(100);
