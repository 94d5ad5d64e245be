-- The organisation tree as a materialised path: path = '/<root id>/…/<own id>/'.
-- "Is X inside Y" is a substring test on one row; "the subtree of Y" is one indexed prefix scan.
create table organization (
    id           bigint primary key,
    code         varchar(64)  not null,
    name         varchar(100) not null,
    type         varchar(20)  not null check (type in ('COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'GROUP')),
    parent_id    bigint references organization (id),
    path         varchar(2000) not null,
    depth        int          not null,
    sort_order   int          not null default 0,
    dissolved_at timestamptz,
    created_at   timestamptz  not null default now(),
    version      bigint       not null default 0
);
create sequence organization_id_seq start with 1000;
-- codes are never reused, not even after a dissolution: old records keep pointing at them
create unique index organization_code_uq on organization (lower(code));
create index organization_path_idx on organization (path text_pattern_ops) where dissolved_at is null;
create index organization_parent_idx on organization (parent_id, sort_order) where dissolved_at is null;

create table committee_position (
    id                bigserial primary key,
    organization_id   bigint      not null references organization (id),
    position          varchar(30) not null,
    holder_name       varchar(50) not null,
    term_start        date        not null,
    term_end          date        not null,
    dual_leader       boolean     not null default false,
    version           bigint      not null default 0,
    check (term_end > term_start)
);
create index committee_position_org_idx on committee_position (organization_id);
