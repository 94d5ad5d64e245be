-- Issue 14: the Word templates the committee uploaded to replace the shipped defaults, one per step (1..25).
-- A step without a row uses its default from the jar (development/templates/step-NN.docx), if it has one.
create table development_template (
    step        int          primary key check (step between 1 and 25),
    file_name   varchar(200) not null,
    content     bytea        not null,
    uploaded_by varchar(100) not null,
    uploaded_at timestamptz  not null
);
