-- Campaigns and reusable content templates. The dispatcher drives the status from
-- SCHEDULED on (see dev.pushdeck.campaign.CampaignLifecycle).

create table campaigns (
    id                    uuid primary key default gen_random_uuid(),
    tenant_id             uuid          not null references teams (id) on delete cascade,
    app_id                uuid          not null references apps (id) on delete cascade,
    name                  varchar(200)  not null,
    kind                  varchar(10)   not null default 'CAMPAIGN' check (kind in ('CAMPAIGN', 'API', 'TEST')),
    environment           varchar(10)   not null check (environment in ('sandbox', 'production')),
    -- Composer content; unused in expert mode, where raw_payload holds the whole payload.
    title                 text,
    subtitle              text,
    body                  text,
    sound                 varchar(255),
    badge                 integer check (badge >= 0),
    category              varchar(255),
    thread_id             varchar(255),
    mutable_content       boolean       not null default false,
    content_available     boolean       not null default false,
    interruption_level    varchar(16)   check (interruption_level in ('passive', 'active', 'time-sensitive', 'critical')),
    relevance_score       double precision check (relevance_score between 0 and 1),
    custom_data           text,
    raw_payload           text,
    -- The exact compact JSON sent, and its UTF-8 size (checked against the push type's limit).
    payload               text          not null,
    payload_bytes         integer       not null check (payload_bytes between 1 and 5120),
    push_type             varchar(16)   not null check (push_type in ('alert', 'background', 'voip', 'complication',
                              'fileprovider', 'mdm', 'location', 'liveactivity', 'pushtotalk')),
    priority              smallint      not null check (priority in (10, 5, 1)),
    -- Expiration: none, relative to launch, or absolute; never both.
    expires_after_seconds bigint        check (expires_after_seconds > 0),
    expires_at            timestamptz,
    collapse_id           varchar(64),
    audience_type         varchar(12)   not null check (audience_type in ('ALL', 'TAGS', 'TOKENS', 'TEST_DEVICES')),
    audience_tags         text[]        not null default '{}',
    audience_match        varchar(3)    not null default 'ANY' check (audience_match in ('ANY', 'ALL')),
    audience_tokens       text[]        not null default '{}',
    -- How many devices the audience matched when the campaign was last saved.
    audience_count        bigint        not null default 0,
    -- Schedule as the person stated it, and the resolved launch instant (for device-local
    -- time the earliest instant any zone reaches the local time).
    schedule_local        timestamp,
    schedule_zone         varchar(64),
    device_local_time     boolean       not null default false,
    scheduled_at          timestamptz,
    throttle_per_minute   integer       check (throttle_per_minute > 0),
    status                varchar(10)   not null default 'DRAFT' check (status in ('DRAFT', 'SCHEDULED', 'SENDING',
                              'COMPLETED', 'CANCELLED', 'PAUSED', 'FAILED')),
    status_reason         varchar(500),
    created_by            varchar(320)  not null,
    created_at            timestamptz   not null default now(),
    updated_at            timestamptz   not null default now(),
    launched_at           timestamptz,
    completed_at          timestamptz,
    constraint campaigns_one_expiration check (expires_after_seconds is null or expires_at is null),
    constraint campaigns_scheduled_has_time check (status <> 'SCHEDULED' or scheduled_at is not null)
);

-- The scheduler's question: which scheduled campaigns are due? A partial index stays tiny.
create index campaigns_due_idx on campaigns (scheduled_at) where status = 'SCHEDULED';
-- The list, newest first, per team and per app.
create index campaigns_tenant_created_idx on campaigns (tenant_id, created_at desc, id desc);
create index campaigns_app_created_idx on campaigns (tenant_id, app_id, created_at desc, id desc);

create table campaign_templates (
    id                    uuid primary key default gen_random_uuid(),
    tenant_id             uuid          not null references teams (id) on delete cascade,
    name                  varchar(200)  not null,
    title                 text,
    subtitle              text,
    body                  text,
    sound                 varchar(255),
    badge                 integer check (badge >= 0),
    category              varchar(255),
    thread_id             varchar(255),
    mutable_content       boolean       not null default false,
    content_available     boolean       not null default false,
    interruption_level    varchar(16),
    relevance_score       double precision,
    custom_data           text,
    raw_payload           text,
    created_by            varchar(320)  not null,
    created_at            timestamptz   not null default now()
);
create unique index campaign_templates_name_uq on campaign_templates (tenant_id, lower(name));
