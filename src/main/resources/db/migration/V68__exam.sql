-- 线上测试: the question bank, exams (fixed papers or papers drawn by rules), attempts and their answers.

create table exam_question (
    id            bigserial    primary key,
    org_id        bigint       not null,
    type          varchar(12)  not null check (type in ('SINGLE', 'MULTIPLE', 'TRUE_FALSE', 'FILL', 'SHORT')),
    text          varchar(2000) not null,
    options       text[]       not null default '{}',
    -- canonical by type: "B"; ["A","C"]; true; [["税","税收"],["…"]]; a model answer
    answer        jsonb        not null,
    score         numeric(5,1) not null check (score > 0),
    explanation   varchar(2000),
    tags          text[]       not null default '{}',
    difficulty    smallint     not null check (difficulty between 1 and 5),
    created_at    timestamptz  not null,
    created_by    varchar(100) not null,
    -- a question an exam has used is never changed; retired ones leave the bank but stay with their exams
    retired_at    timestamptz
);
create index exam_question_org on exam_question (org_id, type) where retired_at is null;
create index exam_question_tags on exam_question using gin (tags);

create table exam (
    id               bigserial    primary key,
    org_id           bigint       not null,
    title            varchar(200) not null,
    description      varchar(2000),
    -- SUBTREE: the members of org's subtree; ACTIVISTS: its 入党积极分子 and 发展对象; MEMBERS: chosen people
    audience         varchar(10)  not null check (audience in ('SUBTREE', 'ACTIVISTS', 'MEMBERS')),
    opens_at         timestamptz  not null,
    closes_at        timestamptz  not null,
    duration_minutes integer      not null check (duration_minutes > 0),
    attempts         integer      not null check (attempts > 0),
    pass_mark        numeric(6,1) not null,
    total_score      numeric(6,1) not null,
    reveal_at        timestamptz  not null,
    partial_credit   boolean      not null,
    shuffle          boolean      not null,
    feeds_points     boolean      not null,
    feeds_record     boolean      not null,
    -- every participant's draw and shuffle follow from this seed, their account and their attempt number
    seed             bigint       not null,
    created_at       timestamptz  not null,
    created_by       varchar(100) not null,
    withdrawn_at     timestamptz,
    check (closes_at > opens_at),
    check (reveal_at >= closes_at)
);
create index exam_org on exam (org_id, closes_at desc);

-- a fixed paper has one part holding its questions; a drawn paper one part per rule, with the pool it draws from
create table exam_part (
    exam_id        bigint       not null references exam (id),
    position       integer      not null,
    type           varchar(12),
    tags           text[]       not null default '{}',
    max_difficulty smallint,
    draw           integer      not null,
    score          numeric(5,1),
    -- the candidates when the exam was set: a later change to the bank changes no draw
    pool           bigint[]     not null,
    primary key (exam_id, position)
);

create table exam_invitee (
    exam_id   bigint not null references exam (id),
    member_id bigint not null,
    primary key (exam_id, member_id)
);

create table exam_attempt (
    id             bigserial    primary key,
    exam_id        bigint       not null references exam (id),
    account_id     bigint       not null,
    member_id      bigint,
    person_name    varchar(100) not null,
    -- the organisation the person belonged to when starting: statistics count them there
    org_id         bigint       not null,
    number         integer      not null,
    -- [{"q": questionId, "s": score, "o": [original option index per shown position]}]
    paper          jsonb        not null,
    started_at     timestamptz  not null,
    deadline       timestamptz  not null,
    submitted_at   timestamptz,
    submitted_by   varchar(10)  check (submitted_by in ('PERSON', 'SERVER')),
    score          numeric(6,1),
    pending_manual integer      not null default 0,
    passed         boolean,
    completed_at   timestamptz,
    unique (exam_id, account_id, number)
);
-- one running attempt per person and exam
create unique index exam_attempt_open on exam_attempt (exam_id, account_id) where submitted_at is null;
create index exam_attempt_due on exam_attempt (deadline) where submitted_at is null;
create index exam_attempt_account on exam_attempt (account_id, exam_id);
create index exam_attempt_exam on exam_attempt (exam_id, org_id);

create table exam_answer (
    attempt_id  bigint       not null references exam_attempt (id),
    question_id bigint       not null,
    -- as the person gave it, in the letters they were shown
    answer      jsonb        not null,
    saved_at    timestamptz  not null,
    score       numeric(5,1),
    correct     boolean,
    comment     varchar(1000),
    graded_by   varchar(100),
    graded_at   timestamptz,
    primary key (attempt_id, question_id)
);
-- the grading queue: short answers waiting for a score
create index exam_answer_pending on exam_answer (attempt_id) where score is null;
