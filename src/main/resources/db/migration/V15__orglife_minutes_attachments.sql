-- Photos and documents of a meeting (sign-in sheets, photos, slides), kept with its minutes.
create table meeting_attachment (
    id           bigserial    primary key,
    meeting_id   bigint       not null references meeting (id),
    file_name    varchar(200) not null,
    content_type varchar(100) not null,
    size_bytes   int          not null,
    content      bytea        not null,
    uploaded_at  timestamptz  not null,
    uploaded_by  varchar(64)  not null
);
create index meeting_attachment_meeting_idx on meeting_attachment (meeting_id);
