-- The last sign of each member and the members abroad are the transfer module's (the 口袋党员 rules read
-- them, nothing else does): named as its tables, with their keys and constraints.
alter table member_contact rename to transfer_last_contact;
alter index member_contact_pkey rename to transfer_last_contact_pkey;
alter table transfer_last_contact rename constraint member_contact_member_id_fkey to transfer_last_contact_member_id_fkey;

alter table member_abroad rename to transfer_member_abroad;
alter index member_abroad_pkey rename to transfer_member_abroad_pkey;
alter table transfer_member_abroad rename constraint member_abroad_member_id_fkey to transfer_member_abroad_member_id_fkey;
