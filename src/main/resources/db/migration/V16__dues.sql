-- 党费: the regulation's brackets as a versioned table, members' bases, monthly bills, payments, orders.

create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

-- A version of the rules applies from its first day until the next version's; past bills keep theirs.
create table dues_rule_version (
    id             bigserial primary key,
    effective_from date         not null unique check (extract(day from effective_from) = 1),
    title          varchar(100) not null,
    created_by     varchar(64)  not null,
    created_at     timestamptz  not null default now()
);

-- One row per bracket: base in (above, up_to] pays rate × base; or a fixed amount (a range for 农民).
create table dues_rule (
    id           bigserial primary key,
    version_id   bigint        not null references dues_rule_version (id),
    category     varchar(20)   not null,
    above        numeric(12,2),
    up_to        numeric(12,2),
    rate         numeric(6,4),
    fixed_amount numeric(12,2),
    fixed_max    numeric(12,2),
    check ((rate is null) <> (fixed_amount is null)),
    check (above is null or up_to is null or up_to > above)
);
create index dues_rule_version_idx on dues_rule (version_id);

insert into dues_rule_version (effective_from, title, created_by)
values ('2008-04-01', '中组发〔2008〕3号《关于中国共产党党费收缴、使用和管理的规定》', 'system');
insert into dues_rule (version_id, category, above, up_to, rate, fixed_amount, fixed_max)
select v.id, r.category, r.above, r.up_to, r.rate, r.fixed_amount, r.fixed_max
from dues_rule_version v, (values
    ('IN_SERVICE', null::numeric, 3000.00::numeric, 0.005::numeric, null::numeric, null::numeric),
    ('IN_SERVICE', 3000.00, 5000.00, 0.01, null, null),
    ('IN_SERVICE', 5000.00, 10000.00, 0.015, null, null),
    ('IN_SERVICE', 10000.00, null, 0.02, null, null),
    ('OTHER', null, 3000.00, 0.005, null, null),
    ('OTHER', 3000.00, 5000.00, 0.01, null, null),
    ('OTHER', 5000.00, 10000.00, 0.015, null, null),
    ('OTHER', 10000.00, null, 0.02, null, null),
    ('RETIRED', null, 5000.00, 0.005, null, null),
    ('RETIRED', 5000.00, null, 0.01, null, null),
    ('STUDENT', null, null, null, 0.20, null),
    ('UNEMPLOYED', null, null, null, 0.20, null),
    ('FARMER', null, null, null, 0.20, 1.00)
) as r(category, above, up_to, rate, fixed_amount, fixed_max);

-- A member's category and base (税后工资固定部分), declared and approved; effective from a month.
create table dues_base (
    id             bigserial primary key,
    member_id      bigint        not null references member (id),
    category       varchar(20)   not null,
    base           numeric(12,2) check (base is null or base >= 0),
    effective_from date          not null check (extract(day from effective_from) = 1),
    state          varchar(10)   not null check (state in ('PENDING', 'APPROVED', 'REJECTED')),
    note           varchar(200),
    declared_by    varchar(64)   not null,
    declared_at    timestamptz   not null,
    decided_by     varchar(64),
    decided_at     timestamptz,
    decision_note  varchar(200)
);
create index dues_base_member_idx on dues_base (member_id, effective_from);
create index dues_base_pending_idx on dues_base (state) where state = 'PENDING';

-- Hardship: pay less (amount) or nothing (amount 0) for a span of months, approved with a reason.
create table dues_relief (
    id          bigserial primary key,
    member_id   bigint        not null references member (id),
    from_month  date          not null,
    to_month    date          not null check (to_month >= from_month),
    amount      numeric(12,2) not null check (amount >= 0),
    reason      varchar(200)  not null,
    approved_by varchar(64)   not null,
    approved_at timestamptz   not null
);
create index dues_relief_member_idx on dues_relief (member_id);

create table dues_order (
    id          bigserial primary key,
    order_no    varchar(32)   not null unique,
    member_id   bigint        not null references member (id),
    months      date[]        not null,
    amount      numeric(12,2) not null check (amount > 0),
    gateway     varchar(20)   not null,
    -- REFUND: the provider took money for months paid meanwhile by other means; the office refunds it
    state       varchar(10)   not null check (state in ('OPEN', 'PAID', 'EXPIRED', 'REFUND')),
    created_by  varchar(64)   not null,
    created_at  timestamptz   not null,
    expires_at  timestamptz   not null,
    paid_at     timestamptz,
    transaction_id varchar(64) unique
);
create index dues_order_open_idx on dues_order (expires_at) where state = 'OPEN';

create table dues_payment (
    id             bigserial primary key,
    receipt_no     varchar(32)   not null unique,
    member_id      bigint        not null references member (id),
    amount         numeric(12,2) not null check (amount > 0),
    method         varchar(20)   not null check (method in ('ONLINE', 'CASH', 'BANK_TRANSFER', 'PAYROLL')),
    paid_on        date          not null,
    payer_name     varchar(50)   not null,
    payer_member_id bigint references member (id),
    external_receipt varchar(64),
    special        boolean       not null default false,
    note           varchar(200),
    order_id       bigint unique references dues_order (id),
    organization_id bigint       not null references organization (id),
    recorded_by    varchar(64)   not null,
    recorded_at    timestamptz   not null
);
create index dues_payment_member_idx on dues_payment (member_id);
create index dues_payment_org_idx on dues_payment (organization_id, paid_on);
create index dues_payment_special_idx on dues_payment (paid_on, organization_id) where special;

-- One bill per member and month, whatever runs the job how often on how many nodes.
create table dues_bill (
    id              bigserial primary key,
    member_id       bigint        not null references member (id),
    month           date          not null check (extract(day from month) = 1),
    organization_id bigint        not null references organization (id),
    category        varchar(20)   not null,
    base            numeric(12,2),
    amount          numeric(12,2) not null check (amount >= 0),
    rule_version_id bigint        not null references dues_rule_version (id),
    relief_id       bigint references dues_relief (id),
    state           varchar(10)   not null check (state in ('UNPAID', 'PAID', 'EXEMPT')),
    payment_id      bigint references dues_payment (id),
    order_id        bigint references dues_order (id),
    created_at      timestamptz   not null,
    unique (member_id, month),
    check ((state = 'PAID') = (payment_id is not null))
);
create index dues_bill_month_org_idx on dues_bill (month, organization_id);
create index dues_bill_unpaid_idx on dues_bill (member_id, month) where state = 'UNPAID';
create index dues_bill_payment_idx on dues_bill (payment_id) where payment_id is not null;
create index dues_bill_order_idx on dues_bill (order_id) where order_id is not null;

-- Arrears warnings given: once per member and level while the run stays at or above it (a back-payment
-- that shortens the run below a level clears that level, so crossing it again warns again).
create table dues_warning (
    member_id  bigint      not null references member (id),
    threshold  int         not null,
    run_start  date        not null,
    sent_at    timestamptz not null,
    primary key (member_id, threshold)
);

-- Running totals of the bills per organisation, month and state, kept by the database itself, so the
-- committee's report for a year reads a few thousand rows instead of every bill of the school.
create table dues_bill_tally (
    organization_id bigint        not null,
    month           date          not null,
    state           varchar(10)   not null,
    relieved        boolean       not null,
    bills           int           not null,
    amount          numeric(14,2) not null,
    primary key (organization_id, month, state, relieved)
) with (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
-- (a few thousand rows updated with every payment: room on each page for in-place updates, and vacuumed often)

-- One upsert per statement, its rows in key order: two transactions touching the same totals lock them in
-- the same order (no deadlock), and an update that changes none of the keys or amounts (an order holding a
-- bill) touches no total at all.
create function dues_bill_tally_apply() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into dues_bill_tally as t (organization_id, month, state, relieved, bills, amount)
        select organization_id, month, state, relief_id is not null, count(*), sum(amount)
        from new_bills group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (organization_id, month, state, relieved)
        do update set bills = t.bills + excluded.bills, amount = t.amount + excluded.amount;
    elsif tg_op = 'DELETE' then
        insert into dues_bill_tally as t (organization_id, month, state, relieved, bills, amount)
        select organization_id, month, state, relief_id is not null, -count(*), -sum(amount)
        from old_bills group by 1, 2, 3, 4 order by 1, 2, 3, 4
        on conflict (organization_id, month, state, relieved)
        do update set bills = t.bills + excluded.bills, amount = t.amount + excluded.amount;
    else
        insert into dues_bill_tally as t (organization_id, month, state, relieved, bills, amount)
        select organization_id, month, state, relieved, sum(bills), sum(amount) from (
            select organization_id, month, state, relief_id is not null as relieved, -1 as bills, -amount as amount from old_bills
            union all
            select organization_id, month, state, relief_id is not null, 1, amount from new_bills) d
        group by 1, 2, 3, 4 having sum(bills) <> 0 or sum(amount) <> 0 order by 1, 2, 3, 4
        on conflict (organization_id, month, state, relieved)
        do update set bills = t.bills + excluded.bills, amount = t.amount + excluded.amount;
    end if;
    return null;
end $$;

create trigger dues_bill_tally_insert after insert on dues_bill
    referencing new table as new_bills for each statement execute function dues_bill_tally_apply();
create trigger dues_bill_tally_update after update on dues_bill
    referencing old table as old_bills new table as new_bills for each statement execute function dues_bill_tally_apply();
create trigger dues_bill_tally_delete after delete on dues_bill
    referencing old table as old_bills for each statement execute function dues_bill_tally_apply();

create sequence dues_receipt_seq;

-- The sandbox payment provider's own books (a real provider keeps these on its side).
create table sandbox_charge (
    order_no       varchar(32)   primary key,
    amount         numeric(12,2) not null,
    description    varchar(200)  not null,
    notify_url     varchar(500),
    return_url     varchar(500)  not null,
    expires_at     timestamptz   not null,
    transaction_id varchar(64) unique,
    paid_at        timestamptz
);

-- The yearly reminder to check one's base, sent once a year however often the job runs.
create table dues_base_review (
    year    int         primary key,
    sent_at timestamptz not null
);
