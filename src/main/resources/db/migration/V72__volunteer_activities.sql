-- 志愿服务: service teams (服务队 / 党员先锋岗), activities with shifts, sign-ups with a waiting list, attendance,
-- confirmed hours, certificates of hours for a period, and the name opt-out of the ranking.

create table volunteer_team (
    id bigserial primary key,
    organization_id bigint not null,
    name varchar(100) not null,
    kind varchar(20) not null,
    leader_account_id bigint not null,
    leader_name varchar(100) not null,
    created_by varchar(100) not null,
    created_at timestamptz not null,
    unique (organization_id, name)
);
create index volunteer_team_leader on volunteer_team (leader_account_id);

create table volunteer_activity (
    id bigserial primary key,
    organization_id bigint not null,
    team_id bigint references volunteer_team (id),
    title varchar(200) not null,
    place varchar(200) not null,
    description varchar(4000) not null default '',
    requirements varchar(1000) not null default '',
    contact varchar(200) not null default '',
    audience varchar(10) not null check (audience in ('SUBTREE', 'SCHOOL')),
    sign_up_until timestamptz not null,
    created_by_account bigint not null,
    created_by varchar(100) not null,
    created_at timestamptz not null
);
create index volunteer_activity_org on volunteer_activity (organization_id);

-- taken: the confirmed places; arrivals: a counter that numbers every sign-up in its arrival order
create table volunteer_shift (
    id bigserial primary key,
    activity_id bigint not null references volunteer_activity (id),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    places int not null check (places > 0),
    taken int not null default 0,
    arrivals int not null default 0,
    check (ends_at > starts_at),
    check (taken <= places)
);
create index volunteer_shift_activity on volunteer_shift (activity_id);
create index volunteer_shift_start on volunteer_shift (starts_at);

-- a person with an account (account_id, member_id when a member, person_org_id their organisation at sign-up), or a
-- guest the organiser registered (no account: name, phone, school number)
create table volunteer_signup (
    id bigserial primary key,
    shift_id bigint not null references volunteer_shift (id),
    account_id bigint,
    member_id bigint,
    person_org_id bigint,
    person_name varchar(100) not null,
    guest_phone varchar(30),
    guest_school_number varchar(30),
    state varchar(10) not null check (state in ('CONFIRMED', 'WAITING')),
    arrival int not null,
    signed_up_at timestamptz not null,
    checked_in_at timestamptz,
    checked_out_at timestamptz,
    attendance_manual boolean not null default false,
    hours numeric(5, 2),
    hours_day date,
    hours_confirmed_at timestamptz,
    hours_confirmed_by varchar(100),
    hours_reason varchar(500),
    reminded_at timestamptz,
    unique (shift_id, account_id),
    unique (shift_id, arrival)
);
create index volunteer_signup_account on volunteer_signup (account_id, hours_day);
create index volunteer_signup_org_day on volunteer_signup (person_org_id, hours_day) where hours is not null;
create index volunteer_signup_waiting on volunteer_signup (shift_id, arrival) where state = 'WAITING';

-- one certificate per person, period and total (a changed total is a new certificate)
create table volunteer_certificate (
    id bigserial primary key,
    account_id bigint not null,
    from_day date not null,
    to_day date not null,
    hours numeric(8, 2) not null,
    created_at timestamptz not null,
    unique (account_id, from_day, to_day, hours)
);

create table volunteer_privacy (
    account_id bigint primary key,
    hide_name boolean not null,
    changed_at timestamptz not null
);
