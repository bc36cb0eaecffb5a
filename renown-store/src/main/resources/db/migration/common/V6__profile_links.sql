-- The links each account's profile carries (issue 12, link suggestions): its own page, its
-- website, URLs in its description, profile fields, and whether the network verified a link
-- (Mastodon's rel="me" check). An ingest replaces an account's rows whenever a source gives its
-- profile in full, so the rows are the profile as last seen; seen_at is when that was ingested.
-- No unique key: a URL may be longer than an index entry allows, and an account's rows are
-- always written together.
CREATE TABLE profile_links (
    network     VARCHAR(64)  NOT NULL,
    account_id  VARCHAR(512) NOT NULL,
    url         VARCHAR      NOT NULL,
    field       VARCHAR      NOT NULL,
    verified    BOOLEAN      NOT NULL,
    seen_at     TIMESTAMP    NOT NULL
);

CREATE INDEX profile_links_account ON profile_links (network, account_id);
