-- 学习 search over materials and outlines, in the shared database (no search server; every node sees the same index).
-- Chinese has no spaces, so the terms are built in Java (SearchTerms): each run of Chinese characters gives its
-- overlapping bigrams and trigrams and its last character alone, Latin words and numbers are words. A query is a
-- two-character word's bigram, a longer word's trigrams, one character as a prefix, all ANDed: the GIN index on
-- terms (no positions) answers it without reading the rows' large values. title_terms (the title alone) puts title
-- matches first; lead_terms (the title at weight A, the body's first 100 characters at weight B, with positions) is
-- small enough to rank thousands of hits with ts_rank_cd. body is kept for the snippet. The row keeps title_terms and
-- lead_terms in place (storage main) and puts terms and body out of line (toast_tuple_target): ranking thousands of
-- hits then reads the table's pages only, no TOAST.
create table learning_search (
    type         varchar(16)  not null,
    ref_id       bigint       not null,
    kind         varchar(16)  not null,
    org_id       bigint       not null,
    whole_school boolean      not null,
    title        varchar(500) not null,
    body         text         not null,
    terms        tsvector     not null,
    title_terms  tsvector     not null,
    lead_terms   tsvector     not null,
    updated_at   timestamptz  not null,
    primary key (type, ref_id)
) with (toast_tuple_target = 256);
alter table learning_search alter column title_terms set storage main, alter column lead_terms set storage main;
create index learning_search_terms_idx on learning_search using gin (terms);
