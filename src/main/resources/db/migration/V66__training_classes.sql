-- 培训班: a class organised by an organisation for chosen members, its sessions with hours, attendance
-- (scanned or recorded by hand), attached study materials, and each member's completion (once).
create table training_class (
    id bigserial primary key,
    organization_id bigint not null,
    title varchar(200) not null,
    required_hours numeric(6, 1) not null check (required_hours > 0),
    created_by varchar(100) not null,
    created_at timestamptz not null default now()
);
create index training_class_org on training_class (organization_id);

create table training_audience (
    class_id bigint not null references training_class (id),
    member_id bigint not null,
    primary key (class_id, member_id)
);
create index training_audience_member on training_audience (member_id);

create table training_session (
    id bigserial primary key,
    class_id bigint not null references training_class (id),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    place varchar(200) not null,
    hours numeric(5, 1) not null check (hours > 0),
    check (ends_at > starts_at)
);
create index training_session_class on training_session (class_id, starts_at);
create index training_session_start on training_session (starts_at);

create table training_attendance (
    session_id bigint not null references training_session (id),
    member_id bigint not null,
    checked_in_at timestamptz not null,
    manual boolean not null,
    recorded_by varchar(100) not null,
    primary key (session_id, member_id)
);
create index training_attendance_member on training_attendance (member_id);

create table training_material (
    class_id bigint not null references training_class (id),
    material_id bigint not null,
    title varchar(300) not null,
    primary key (class_id, material_id)
);

create table training_completion (
    class_id bigint not null references training_class (id),
    member_id bigint not null,
    hours numeric(7, 1) not null,
    completed_at timestamptz not null,
    primary key (class_id, member_id)
);
create index training_completion_member on training_completion (member_id);
