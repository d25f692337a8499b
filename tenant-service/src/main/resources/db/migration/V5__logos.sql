-- Logos become images of their own (a data URL inside the settings row could not hold an ordinary photo: a
-- 65 KB JPEG re-encoded as PNG is a 2 MB data URL). Served at /api/v1/settings/logo with caching headers.
create table tenant_logos (
    tenant_id  uuid        primary key references tenants (id),
    media_type text        not null check (media_type in ('image/png', 'image/jpeg')),
    image      bytea       not null check (octet_length(image) between 1 and 1048576),
    sha256     text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    width      integer     check (width between 1 and 1024),
    height     integer     check (height between 1 and 1024),
    updated_at timestamptz not null,
    updated_by text        not null
);
select comply360_tenant_table('tenant_logos');

-- Logos saved before move over as the PNGs they were. Row level security is forced for the owner too: lifted
-- for the copy only.
alter table settings no force row level security;
alter table tenant_logos no force row level security;
insert into tenant_logos (tenant_id, media_type, image, sha256, updated_at, updated_by)
select tenant_id, 'image/png', decode(substring(logo from 'base64,(.*)$'), 'base64'),
       encode(sha256(decode(substring(logo from 'base64,(.*)$'), 'base64')), 'hex'), updated_at, updated_by
from settings where logo is not null;
alter table settings force row level security;
alter table tenant_logos force row level security;
alter table settings drop column logo;
