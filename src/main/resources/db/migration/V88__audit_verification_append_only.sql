-- The record of chain checks keeps the chain's head each check saw (how a cut-off tail is noticed): like the log
-- itself, it is only ever added to.
create or replace function audit_verification_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_verification is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_verification_no_update_delete
    before update or delete on audit_verification
    for each row execute function audit_verification_is_append_only();

create trigger audit_verification_no_truncate
    before truncate on audit_verification
    for each statement execute function audit_verification_is_append_only();
