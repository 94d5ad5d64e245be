-- 宣传: images of news and notices, re-encoded on upload (nothing of the original bytes is kept) and served to
-- anonymous readers of the portal under a random public key, so images of internal items cannot be enumerated.

create table content_images (
    -- 16 random bytes, base64url without padding (22 characters): the id in /content/images/{public_key}
    public_key    varchar(32)  primary key,
    file_key      varchar(300) not null,
    content_type  varchar(20)  not null check (content_type in ('image/jpeg', 'image/png')),
    width         integer      not null check (width > 0),
    height        integer      not null check (height > 0),
    size_bytes    bigint       not null check (size_bytes > 0),
    created_by    varchar(100) not null,
    created_at    timestamptz  not null
);
-- the daily cap per person counts their recent uploads
create index content_images_by on content_images (created_by, created_at);
