-- 学习 search over materials and outlines, in the shared database (no search server; every node sees the same index).
-- Chinese has no spaces, so the terms are built in Java (SearchTerms): overlapping character bigrams of each run of
-- Chinese characters plus the run's last character alone (so a one-character query finds every occurrence as a
-- prefix), Latin words and numbers as words; title positions weight A, body positions weight B. The query is the
-- same bigrams ANDed, answered by the GIN index; title_terms (the title alone) puts title matches first.
create table learning_search (
    type         varchar(16)  not null,
    ref_id       bigint       not null,
    kind         varchar(16)  not null,
    org_id       bigint       not null,
    whole_school boolean      not null,
    title        varchar(500) not null,
    body         text         not null,
    title_terms  tsvector     not null,
    terms        tsvector     not null,
    updated_at   timestamptz  not null,
    primary key (type, ref_id)
);
create index learning_search_terms_idx on learning_search using gin (terms);
