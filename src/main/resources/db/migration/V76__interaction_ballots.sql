-- Secret ballots (issue 19, helper S; reused by the 民主评议 of issue 20). Who voted and what was voted live in
-- two tables with nothing in common but the box: the voter row has no time, the ballot row has no id, no key, no
-- time and no sequence. A cast is first held sealed (AES-GCM under the application's key, so a database reader
-- cannot read it beside the voter row written in the same transaction), then moved to interaction_ballot by a
-- random subset in shuffled order when enough have gathered, and the rest when the box closes.
create table interaction_ballot_box (
    id bigserial primary key,
    purpose varchar(40) not null,
    reference varchar(80) not null,
    batch_size int not null check (batch_size >= 2),
    closed_at timestamptz,
    unique (purpose, reference)
);

-- who has voted: one row per voter and box (the primary key makes a second vote impossible)
create table interaction_ballot_voter (
    box_id bigint not null references interaction_ballot_box (id),
    account_id bigint not null,
    org_id bigint,
    primary key (box_id, account_id)
);
-- the answer rate per organisation, counted from an index-only scan
create index interaction_ballot_voter_org on interaction_ballot_voter (box_id, org_id);

-- casts not yet mixed, sealed; the random key only lets the mixing delete what it moved
create table interaction_ballot_pending (
    id uuid primary key default gen_random_uuid(),
    box_id bigint not null references interaction_ballot_box (id),
    sealed bytea not null
);
create index interaction_ballot_pending_box on interaction_ballot_pending (box_id);

-- what was voted: no id, no key, no time; rows of one mixing are written in a shuffled order
create table interaction_ballot (
    box_id bigint not null references interaction_ballot_box (id),
    content text not null
);
create index interaction_ballot_of_box on interaction_ballot (box_id);
