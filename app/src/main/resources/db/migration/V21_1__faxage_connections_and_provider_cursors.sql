-- Faxage as a second source (ADR 0018). A connection may be of either provider; a Faxage connection
-- authenticates with a company, a username and a password (sealed like a JWT credential, as one
-- credential), has no token set, and chooses its own acknowledgement at the source.
alter table provider_connection drop constraint provider_known;
alter table provider_connection add constraint provider_known check (provider in ('RINGCENTRAL', 'FAXAGE'));
alter table provider_connection drop constraint auth_method_known;
alter table provider_connection add constraint auth_method_known
    check (auth_method in ('JWT', 'AUTHORIZATION_CODE', 'PASSWORD'));
-- The connection's own acknowledgement at the source; null: the tenant's choice applies.
alter table provider_connection add column source_acknowledgement text
    constraint connection_source_acknowledgement_known check (source_acknowledgement in ('NONE', 'MARK_READ', 'DELETE'));
-- Set when an operator retired the connection after its final drain (its credential is wiped then).
alter table provider_connection add column retired_at timestamptz;

-- A fax names its provider, so keys of two providers never meet (the ledger's existing rows are all
-- RingCentral's).
alter table inbound_fax add column provider text not null default 'RINGCENTRAL'
    constraint inbound_fax_provider_known check (provider in ('RINGCENTRAL', 'FAXAGE'));
alter table inbound_fax alter column provider drop default;

-- The provider's own cursor of a mailbox, opaque to the engine (Faxage: the highest id seen).
alter table mailbox add column provider_cursor text;
