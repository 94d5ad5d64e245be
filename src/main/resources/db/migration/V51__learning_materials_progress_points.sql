-- 学习 materials: an article's sanitised HTML, or a file in the FileStore (PDF, video, audio), or an external link.
-- Offered by an organisation to its subtree or to the whole school.
create table learning_material (
    id               bigserial primary key,
    kind             varchar(10)   not null check (kind in ('ARTICLE', 'PDF', 'VIDEO', 'AUDIO', 'LINK')),
    title            varchar(200)  not null,
    body             text,
    url              varchar(1000),
    file_key         varchar(100),
    file_name        varchar(200),
    content_type     varchar(100),
    size_bytes       bigint,
    -- what counts as finished: seconds of media (from the file itself), characters of text
    duration_seconds integer,
    organization_id  bigint        not null,
    whole_school     boolean       not null,
    tags             varchar(30)[] not null default '{}',
    created_at       timestamptz   not null,
    created_by       varchar(64)   not null,
    withdrawn_at     timestamptz,
    check (kind <> 'ARTICLE' or body is not null),
    check (kind <> 'LINK' or url is not null),
    check (kind not in ('PDF', 'VIDEO', 'AUDIO') or file_key is not null)
);
create index learning_material_org_idx on learning_material (organization_id, created_at desc);
create index learning_material_school_idx on learning_material (created_at desc) where whole_school;

-- One person's progress on one material: effective seconds credited by heartbeats, the media ranges really played
-- (merged, "from-to,from-to" in seconds), and when it was finished by the rules of its kind.
create table learning_progress (
    account_id        bigint      not null,
    material_id       bigint      not null references learning_material (id),
    effective_seconds integer     not null default 0,
    played            text        not null default '',
    played_seconds    integer     not null default 0,
    started_at        timestamptz not null,
    updated_at        timestamptz not null,
    finished_at       timestamptz,
    primary key (account_id, material_id)
);
create index learning_progress_material_idx on learning_progress (material_id) where finished_at is not null;

-- The account's study clock: a heartbeat credits at most the time since the account's previous one, wherever it
-- came from, so two tabs or a flood of heartbeats earn no more than the time that passed.
create table learning_clock (
    account_id  bigint      primary key,
    last_beat_at timestamptz not null
);

-- Points per person, day and rule; effective seconds per day are kept to turn time into points under the caps.
create table learning_day (
    account_id       bigint  not null,
    day              date    not null,
    reading_seconds  integer not null default 0,
    watching_seconds integer not null default 0,
    primary key (account_id, day)
);
create table learning_points (
    account_id bigint      not null,
    day        date        not null,
    rule       varchar(30) not null,
    points     integer     not null check (points >= 0),
    primary key (account_id, day, rule)
);

-- 每周学习纲要: an organisation's outline for a week, its materials (required or optional), and who finished it.
create table learning_outline (
    id              bigserial primary key,
    organization_id bigint       not null,
    week            varchar(8)   not null,
    title           varchar(200) not null,
    topic           varchar(2000),
    due_on          date         not null,
    published_at    timestamptz  not null,
    published_by    varchar(64)  not null,
    reminded_at     timestamptz,
    withdrawn_at    timestamptz
);
create index learning_outline_org_idx on learning_outline (organization_id, week);
create index learning_outline_due_idx on learning_outline (due_on) where reminded_at is null and withdrawn_at is null;
create table learning_outline_item (
    outline_id  bigint  not null references learning_outline (id),
    material_id bigint  not null references learning_material (id),
    required    boolean not null,
    position    integer not null,
    primary key (outline_id, material_id)
);
create index learning_outline_item_material_idx on learning_outline_item (material_id);
-- organization_id: where the person was a member when they finished, for completion per branch without asking
-- the member module for every row
create table learning_outline_done (
    outline_id      bigint      not null references learning_outline (id),
    account_id      bigint      not null,
    organization_id bigint      not null,
    finished_at     timestamptz not null,
    on_time         boolean     not null,
    primary key (outline_id, account_id)
);
create index learning_outline_done_org_idx on learning_outline_done (outline_id, organization_id);
