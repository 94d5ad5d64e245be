-- dues: each member's 党费交至 from the bills kept, so that the roll reads one row a member instead of every bill of its
-- page's members (a college's page of 100: 0.35 ms of its statement's 0.8). It is the last month settled (paid or
-- exempt) before the first unpaid one — DuesManagement.paidUpTo's definition, which still reads the bills; the
-- letter's 党费交至 a member arrived with (dues_paid_elsewhere) is added where it is read. No row: nothing settled
-- before the first unpaid month. Derived from dues_bill alone, whose rows hold the member's foreign key.
create table dues_paid_up_to (
    member_id bigint primary key,
    month     date not null
);

-- computes the members' 党费交至 again from their bills: written where it changed, removed where there is none
create function dues_paid_up_to_refresh(member_ids bigint[]) returns void language sql as $$
    with first_unpaid as (
        select member_id, min(month) as m from dues_bill where state = 'UNPAID' and member_id = any(member_ids)
        group by member_id),
    settled as (
        select b.member_id, max(b.month) as m from dues_bill b left join first_unpaid f on f.member_id = b.member_id
        where b.member_id = any(member_ids) and b.state <> 'UNPAID' and b.month < coalesce(f.m, 'infinity')
        group by b.member_id),
    gone as (
        delete from dues_paid_up_to k where k.member_id = any(member_ids)
          and not exists (select 1 from settled s where s.member_id = k.member_id))
    insert into dues_paid_up_to as k (member_id, month)
    select member_id, m from settled order by member_id
    on conflict (member_id) do update set month = excluded.month where k.month <> excluded.month
$$;

-- by statement (COPY included), for the members whose bills changed in a way that can move their 党费交至
create function dues_paid_up_to_apply() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        -- an unpaid bill after the member's 党费交至, or of a member with none, leaves it as it is: the month's billing
        -- (a province's million bills) changes nothing
        perform dues_paid_up_to_refresh(array(
            select distinct n.member_id from new_bills n left join dues_paid_up_to k on k.member_id = n.member_id
            where n.state <> 'UNPAID' or n.month <= k.month));
    elsif tg_op = 'DELETE' then
        perform dues_paid_up_to_refresh(array(select distinct member_id from old_bills));
    else
        -- a state, month or member changed (not an order or a relief noted on the bill)
        perform dues_paid_up_to_refresh(array(
            select n.member_id from new_bills n join old_bills o on o.id = n.id
            where n.state <> o.state or n.month <> o.month or n.member_id <> o.member_id
            union
            select o.member_id from new_bills n join old_bills o on o.id = n.id where n.member_id <> o.member_id));
    end if;
    return null;
end
$$;

create trigger dues_paid_up_to_insert after insert on dues_bill
    referencing new table as new_bills for each statement execute function dues_paid_up_to_apply();
create trigger dues_paid_up_to_update after update on dues_bill
    referencing old table as old_bills new table as new_bills for each statement execute function dues_paid_up_to_apply();
create trigger dues_paid_up_to_delete after delete on dues_bill
    referencing old table as old_bills for each statement execute function dues_paid_up_to_apply();

insert into dues_paid_up_to (member_id, month)
with first_unpaid as (select member_id, min(month) as m from dues_bill where state = 'UNPAID' group by member_id)
select b.member_id, max(b.month) from dues_bill b left join first_unpaid f on f.member_id = b.member_id
where b.state <> 'UNPAID' and b.month < coalesce(f.m, 'infinity')
group by b.member_id;
