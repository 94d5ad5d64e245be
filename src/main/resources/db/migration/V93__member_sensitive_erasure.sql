-- Retention: a departed member's ID-card number and phone are erased after the retention period; the masked
-- column then says so, the encrypted value and its look-up hash are gone.
alter table member alter column id_card_encrypted drop not null;
alter table member alter column id_card_hash drop not null;
alter table member add column sensitive_erased_at timestamptz;
create index member_departed_idx on member (departed_on) where departed_on is not null and sensitive_erased_at is null;
