-- 红色教育 halls (issue 16): a panorama is a study material of its own kind, kept as uploaded and in sizes made
-- once at upload for the screen (a small preview first, a phone size, a desktop size).
alter table learning_material drop constraint learning_material_kind_check;
alter table learning_material add constraint learning_material_kind_check
    check (kind in ('ARTICLE', 'PDF', 'VIDEO', 'AUDIO', 'LINK', 'PANORAMA'));
alter table learning_material add constraint learning_material_panorama_file_check
    check (kind <> 'PANORAMA' or file_key is not null);

create table learning_panorama_size (
    material_id bigint      not null references learning_material (id),
    size        varchar(10) not null check (size in ('PREVIEW', 'PHONE', 'DESKTOP')),
    file_key    varchar(100) not null,
    width       integer     not null,
    height      integer     not null,
    size_bytes  bigint      not null,
    primary key (material_id, size)
);

-- A hall: an organisation's set of panoramas, offered to its subtree or the whole school like a material.
create table learning_hall (
    id              bigserial primary key,
    title           varchar(200) not null,
    organization_id bigint       not null,
    whole_school    boolean      not null,
    created_at      timestamptz  not null,
    created_by      varchar(64)  not null,
    withdrawn_at    timestamptz
);
create index learning_hall_org_idx on learning_hall (organization_id, created_at desc);

-- A scene is one panorama of the hall; the first (lowest position) is where a visit begins.
create table learning_hall_scene (
    id          bigserial primary key,
    hall_id     bigint  not null references learning_hall (id),
    material_id bigint  not null references learning_material (id),
    position    integer not null,
    unique (hall_id, position)
);

-- A hotspot at a direction of a scene (degrees): opens a study material, or moves to another scene of the hall.
create table learning_hall_hotspot (
    id              bigserial primary key,
    scene_id        bigint        not null references learning_hall_scene (id),
    position        integer       not null,
    yaw             numeric(6, 2) not null check (yaw between -180 and 180),
    pitch           numeric(5, 2) not null check (pitch between -90 and 90),
    title           varchar(100)  not null,
    material_id     bigint references learning_material (id),
    target_scene_id bigint references learning_hall_scene (id),
    check ((material_id is null) <> (target_scene_id is null))
);
create index learning_hall_hotspot_scene_idx on learning_hall_hotspot (scene_id, position);

-- One person's visit of a hall: effective seconds credited by the account's study clock, the scenes seen, and
-- when the visit met the rule (then the points and the 纪实 line, once).
create table learning_hall_visit (
    account_id        bigint      not null,
    hall_id           bigint      not null references learning_hall (id),
    effective_seconds integer     not null default 0,
    scenes_seen       bigint[]    not null default '{}',
    started_at        timestamptz not null,
    updated_at        timestamptz not null,
    visited_at        timestamptz,
    primary key (account_id, hall_id)
);
create index learning_hall_visit_hall_idx on learning_hall_visit (hall_id) where visited_at is not null;
