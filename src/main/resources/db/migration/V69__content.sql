-- 宣传: columns the committee defines; items (news, notices, features on people) written by an organisation,
-- reviewed level by level, published, withdrawn. Every submitted version is kept in content_version; the item row
-- carries the working state and, once published, the live copy readers see (title, summary, cover, audience,
-- column, search terms) so that reading lists and the portal need no join.
create table content_column (
    id          bigserial    primary key,
    name        varchar(40)  not null,
    description varchar(500),
    position    integer      not null default 0,
    created_at  timestamptz  not null,
    created_by  varchar(64)  not null,
    retired_at  timestamptz
);
create unique index content_column_name_idx on content_column (name) where retired_at is null;

create table content_item (
    id                 bigserial    primary key,
    kind               varchar(10)  not null check (kind in ('NEWS', 'NOTICE', 'FEATURE')),
    org_id             bigint       not null,
    author_account     bigint       not null,
    author_name        varchar(64)  not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    state              varchar(12)  not null check (state in ('DRAFT', 'IN_REVIEW', 'RETURNED', 'REJECTED', 'SCHEDULED', 'PUBLISHED', 'WITHDRAWN')),
    version            integer      not null default 1,
    -- review: the organisations that review the working version, nearest first, and the step it waits at
    review_chain       bigint[]     not null default '{}',
    review_step        integer      not null default 0,
    -- the live copy: set on publication from the approved version
    published_version  integer,
    -- the first publication (an approved edit keeps it: lists do not reorder)
    published_at       timestamptz,
    title              varchar(200),
    summary            varchar(300),
    cover              varchar(100),
    audience           varchar(10)  check (audience in ('PUBLIC', 'SCHOOL', 'SUBTREE')),
    column_id          bigint       references content_column (id),
    read_receipt       boolean      not null default false,
    terms              tsvector,
    withdrawn_at       timestamptz,
    withdrawn_by       varchar(64),
    withdrawn_reason   varchar(500)
);
-- reading lists and the portal: what is live, newest first
create index content_item_live_idx on content_item (published_at desc, id desc)
    where published_version is not null and withdrawn_at is null;
create index content_item_public_idx on content_item (published_at desc, id desc)
    where published_version is not null and withdrawn_at is null and audience = 'PUBLIC';
create index content_item_org_idx on content_item (org_id, updated_at desc);
create index content_item_review_idx on content_item ((review_chain[review_step + 1])) where state = 'IN_REVIEW';
create index content_item_terms_idx on content_item using gin (terms) where terms is not null;
create index content_item_scheduled_idx on content_item (id) where state = 'SCHEDULED';

create table content_version (
    item_id       bigint       not null references content_item (id),
    version       integer      not null,
    title         varchar(200) not null,
    summary       varchar(300),
    body          text         not null,
    cover         varchar(100),
    audience      varchar(10)  not null check (audience in ('PUBLIC', 'SCHOOL', 'SUBTREE')),
    column_id     bigint       references content_column (id),
    read_receipt  boolean      not null default false,
    publish_at    timestamptz,
    -- FEATURE: the members the story is about (member ids), each gets a 纪实 entry on publication
    featured      bigint[]     not null default '{}',
    -- attachments: [{key, name, size, type}]
    attachments   jsonb        not null default '[]',
    -- words of the list marked REVIEW found at submission, for the reviewer
    flagged       jsonb        not null default '[]',
    created_at    timestamptz  not null,
    created_by    varchar(64)  not null,
    submitted_at  timestamptz,
    primary key (item_id, version)
);

-- the history: submissions, decisions at each step, publication, withdrawal
create table content_review (
    id             bigserial    primary key,
    item_id        bigint       not null references content_item (id),
    version        integer      not null,
    step           integer,
    org_id         bigint,
    action         varchar(10)  not null check (action in ('SUBMIT', 'APPROVE', 'RETURN', 'REJECT', 'PUBLISH', 'WITHDRAW')),
    comment        varchar(1000),
    account_id     bigint,
    actor_name     varchar(64)  not null,
    at             timestamptz  not null
);
create index content_review_item_idx on content_review (item_id, id);

-- read receipts of notices that ask for them: recorded when the reader opens the notice, nothing to click
create table content_read (
    item_id    bigint      not null references content_item (id),
    account_id bigint      not null,
    org_id     bigint      not null,
    read_at    timestamptz not null,
    primary key (item_id, account_id)
);

create table content_comment (
    id          bigserial     primary key,
    item_id     bigint        not null references content_item (id),
    account_id  bigint        not null,
    author_name varchar(64)   not null,
    body        varchar(1000) not null,
    state       varchar(10)   not null check (state in ('VISIBLE', 'PENDING', 'HIDDEN', 'DELETED')),
    flagged     jsonb         not null default '[]',
    created_at  timestamptz   not null,
    decided_by  varchar(64)
);
create index content_comment_item_idx on content_comment (item_id, id);
create index content_comment_pending_idx on content_comment (item_id) where state = 'PENDING';

create table content_like (
    item_id    bigint      not null references content_item (id),
    account_id bigint      not null,
    liked_at   timestamptz not null,
    primary key (item_id, account_id)
);
