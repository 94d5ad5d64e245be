-- 慕课/微课: a course of ordered chapters, each of materials and a rule that says when it is done. Whoever enrols
-- (or is assigned with a due date) finishes chapters by studying their materials — anywhere: time spent on a
-- material before enrolling or in an outline counts the same (record once).
create table learning_course (
    id              bigserial    primary key,
    title           varchar(200) not null,
    summary         varchar(2000),
    organization_id bigint       not null,
    whole_school    boolean      not null default false,
    tags            text[]       not null default '{}',
    cover_key       varchar(300),
    cover_type      varchar(40),
    created_at      timestamptz  not null,
    created_by      varchar(64)  not null,
    withdrawn_at    timestamptz
);
create index learning_course_org_idx on learning_course (organization_id);

create table learning_chapter (
    id         bigserial    primary key,
    course_id  bigint       not null references learning_course (id),
    position   integer      not null,
    title      varchar(100) not null,
    rule_kind  varchar(20)  not null,
    rule_value integer      not null,
    unique (course_id, position)
);

create table learning_chapter_material (
    chapter_id  bigint  not null references learning_chapter (id),
    material_id bigint  not null references learning_material (id),
    position    integer not null,
    primary key (chapter_id, material_id)
);
-- a heartbeat on a material asks which enrolled chapters it belongs to
create index learning_chapter_material_idx on learning_chapter_material (material_id);

create table learning_course_assignment (
    id              bigserial   primary key,
    course_id       bigint      not null references learning_course (id),
    organization_id bigint      not null,
    due_on          date,
    assigned_at     timestamptz not null,
    assigned_by     varchar(64) not null
);

create table learning_enrolment (
    course_id     bigint      not null references learning_course (id),
    account_id    bigint      not null,
    member_id     bigint,
    organization_id bigint,
    enrolled_at   timestamptz not null,
    assignment_id bigint      references learning_course_assignment (id),
    due_on        date,
    completed_at  timestamptz,
    primary key (course_id, account_id)
);
create index learning_enrolment_account_idx on learning_enrolment (account_id);

create table learning_chapter_done (
    chapter_id bigint      not null references learning_chapter (id),
    account_id bigint      not null,
    course_id  bigint      not null,
    done_at    timestamptz not null,
    primary key (chapter_id, account_id)
);
create index learning_chapter_done_course_idx on learning_chapter_done (course_id, account_id);
