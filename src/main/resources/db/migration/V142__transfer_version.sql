-- issue 23, eighteenth round: what waits for each caller (待我处理 on the transfers page, the home page's 待办) is kept
-- in each node's memory and worked out again only when this number or the organisation tree's (V128) has moved: a
-- province's administrator has every school's pending transfers, 3 000 groups read and checked on every page. Made
-- as V128's: every statement that writes transfer rows, on any node, takes a new value before it runs, so a reader
-- that reads the number first and the transfers after never keeps an older answer under a newer number.
create sequence transfer_version_seq;

create table transfer_version (
    id      int primary key check (id = 1),
    version bigint not null
);

insert into transfer_version (id, version) values (1, nextval('transfer_version_seq'));

create function transfer_changed() returns trigger language plpgsql as $$
begin
    update transfer_version set version = nextval('transfer_version_seq') where id = 1;
    return null;
end
$$;

create trigger transfer_changed
    before insert or update or delete or truncate on transfer
    for each statement execute function transfer_changed();
