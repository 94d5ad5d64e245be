-- Questions and answers within an audience (a branch, a general branch or the school): public within it,
-- answered by the organisation's secretary or the answerers it names; text screened by the content word list.
create table interaction_question (
    id               bigserial    primary key,
    organization_id  bigint       not null,
    asker_account_id bigint       not null,
    asker_name       varchar(64)  not null,
    title            varchar(100) not null,
    body             text         not null,
    state            varchar(16)  not null,
    flagged_words    varchar(500),
    best_answer_id   bigint,
    answer_count     int          not null default 0,
    created_at       timestamptz  not null
);
create index interaction_question_org_idx on interaction_question (organization_id, created_at desc);
create index interaction_question_asker_idx on interaction_question (asker_account_id, created_at desc);
create index interaction_question_held_idx on interaction_question (organization_id) where state = 'HELD';

create table interaction_answer (
    id                bigserial   primary key,
    question_id       bigint      not null references interaction_question (id),
    author_account_id bigint      not null,
    author_name       varchar(64) not null,
    body              text        not null,
    state             varchar(16) not null,
    flagged_words     varchar(500),
    created_at        timestamptz not null
);
create index interaction_answer_question_idx on interaction_answer (question_id, id);
create index interaction_answer_held_idx on interaction_answer (question_id) where state = 'HELD';

create table interaction_question_answerer (
    organization_id bigint      not null,
    account_id      bigint      not null,
    name            varchar(64) not null,
    added_by        varchar(64) not null,
    added_at        timestamptz not null,
    primary key (organization_id, account_id)
);
