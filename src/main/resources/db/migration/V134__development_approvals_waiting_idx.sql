-- issue 23, eighth round: the home page's 待办 "approvals waiting" of the 上级党委 counts the open files whose next
-- step is one the committee takes. At a province's root (no scope filter) applicant_pipeline_idx, led by the
-- organisation, was read whole for it on every visit (15-45 ms at 50 000 files); this one holds only open files with a
-- next step and is read for the steps asked.
create index applicant_waiting_step_idx on applicant (next_step) where closed is null and next_step is not null;
