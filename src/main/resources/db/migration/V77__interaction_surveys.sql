-- Surveys and votes (issue 19, helper S). The questions are a JSON list [{type, text, options, required}] fixed once
-- the first answer is in; named answers live in interaction_survey_response, anonymous ones only as ballots of the
-- survey's box. Who answered, named or not, is the box's voter table.
create table interaction_survey (
    id bigserial primary key,
    org_id bigint not null,
    title varchar(200) not null,
    description varchar(2000),
    anonymous boolean not null,
    audience varchar(20) not null,
    opens_at timestamptz not null,
    closes_at timestamptz not null,
    results_live boolean,
    questions jsonb not null,
    box_id bigint not null references interaction_ballot_box (id),
    created_at timestamptz not null,
    created_by varchar(100) not null,
    closed_early_at timestamptz,
    check (closes_at > opens_at)
);
create index interaction_survey_org on interaction_survey (org_id, closes_at desc);

create table interaction_survey_response (
    survey_id bigint not null references interaction_survey (id),
    account_id bigint not null,
    org_id bigint,
    answers jsonb not null,
    answered_at timestamptz not null,
    primary key (survey_id, account_id)
);
