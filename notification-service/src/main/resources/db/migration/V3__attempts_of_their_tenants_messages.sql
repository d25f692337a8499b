-- Foreign keys between tenant tables pair tenant_id on both sides (docs/architecture.md, "Tenancy"): an attempt
-- belongs to a message of its own tenant, never to another tenant's.
alter table messages add constraint messages_tenant_id_id_key unique (tenant_id, id);
alter table message_attempts drop constraint message_attempts_message_id_fkey;
alter table message_attempts add constraint message_attempts_message_fkey
    foreign key (tenant_id, message_id) references messages (tenant_id, id) on delete cascade;
