-- 宣传 screening: the committee's word list. A word blocks a submission (BLOCK) or marks it for the reviewer (REVIEW);
-- it is matched in its normal form (full-width folded, lower case, simplified, without spaces or punctuation).

create table content_word (
    id          bigserial    primary key,
    word        varchar(50)  not null,
    normalized  varchar(50)  not null,
    action      varchar(6)   not null check (action in ('BLOCK', 'REVIEW')),
    created_at  timestamptz  not null,
    created_by  varchar(100) not null,
    updated_at  timestamptz  not null,
    updated_by  varchar(100) not null,
    constraint content_word_normalized unique (normalized)
);
create index content_word_action on content_word (action, normalized);

-- one row: the list's version, raised by every change, so each node rebuilds its matcher when the list changed
create table content_word_list (
    id          smallint     primary key check (id = 1),
    version     bigint       not null,
    changed_at  timestamptz  not null
);
insert into content_word_list (id, version, changed_at) values (1, 0, now());
