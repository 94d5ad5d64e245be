-- issue 23, fifth round: the active tree is kept in each node's memory (OrganizationScope: scope lookups, names,
-- reach) and read again only when this number has moved. Every statement that writes organisation rows, on any node
-- (COPY and SQL written by hand included), takes a new value from the sequence; a value is never handed out twice,
-- so a rolled-back change never matches a later one. A request reads the number once: one small read instead of the
-- organisation and subtree queries every page made. The trigger runs BEFORE the statement, so a transaction takes the
-- number's row lock before any organisation row's: two transactions writing organisations queue on it and never
-- deadlock over each other's rows.
create sequence organization_tree_version_seq;

create table organization_tree_version (
    id      int primary key check (id = 1),
    version bigint not null
);

insert into organization_tree_version (id, version) values (1, nextval('organization_tree_version_seq'));

create function organization_tree_changed() returns trigger language plpgsql as $$
begin
    update organization_tree_version set version = nextval('organization_tree_version_seq') where id = 1;
    return null;
end
$$;

create trigger organization_tree_changed
    before insert or update or delete or truncate on organization
    for each statement execute function organization_tree_changed();
