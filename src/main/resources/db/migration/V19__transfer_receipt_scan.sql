-- The 回执 as it came back: a scan or photo kept with the transfer (the paper is filed with the stub).
create table transfer_receipt_scan (
    transfer_id  bigint       primary key references transfer (id),
    file_name    varchar(200) not null,
    content_type varchar(100) not null,
    size_bytes   int          not null,
    content      bytea        not null,
    uploaded_at  timestamptz  not null,
    uploaded_by  varchar(64)  not null
);
