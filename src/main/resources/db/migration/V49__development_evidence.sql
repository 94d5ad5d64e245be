-- The evidence of a step (a scan of the 入党申请书, the talk's record, a 推优 list …): files checked by their
-- bytes, kept with the person's file. The application's own text can be long, so a step's note is text.
create table development_evidence (
    id           bigserial primary key,
    applicant_id bigint       not null references applicant (id),
    step         integer      not null check (step between 1 and 25),
    file_name    varchar(200) not null,
    content_type varchar(100) not null,
    size_bytes   integer      not null,
    content      bytea        not null,
    uploaded_by  varchar(64)  not null,
    uploaded_at  timestamptz  not null
);
create index development_evidence_person_idx on development_evidence (applicant_id, step);
alter table development_step alter column note type text;
