-- analytics: the warnings every module raised, kept (a province raises some 70 000 at once: raising and ordering them
-- all to cut a page of 200 took 15 s). One generation is shown at a time: a refresh writes the next, a subtree at a
-- time, then makes it the one shown and drops the one before. The text columns order bytewise (collate C), as the
-- centre's comparator orders strings, and the organisation's id comes last; undated due and since dates are kept as infinity so that they sort last.
create table analytics_warning (
    generation   bigint       not null,
    kind         varchar(64)  not null collate "C",
    org_id       bigint       not null,
    org_name     text         not null collate "C",
    college      text         not null,
    responsible  text,
    since_key    date         not null,
    due_key      date         not null,
    link         text         not null collate "C",
    sort_text    text         not null collate "C",
    message_key  varchar(200) not null,
    args         text[]       not null
);
-- the centre's order within a generation: the first page and every page after a cursor are one index range
create index analytics_warning_order_idx on analytics_warning
    (generation, due_key, since_key, org_name, kind, link, sort_text, org_id);
create index analytics_warning_org_idx on analytics_warning (generation, org_id);

-- the generation shown and since when (one row at most)
create table analytics_warning_kept (
    id           smallint     primary key check (id = 1),
    generation   bigint       not null,
    computed_at  timestamptz  not null,
    shown_on     date         not null
);
create sequence analytics_warning_generation_seq;
