-- Accounts linked to persons (issue 12): one row per linked account, so an account belongs to at
-- most one person; who made the link (a mapping file, the API's token, a confirmed suggestion) and
-- when. A person is the set of its rows.
CREATE TABLE person_links (
    network     VARCHAR(64)  NOT NULL,
    account_id  VARCHAR(512) NOT NULL,
    person      VARCHAR(256) NOT NULL,
    linked_by   VARCHAR(256) NOT NULL,
    linked_at   TIMESTAMP    NOT NULL,
    PRIMARY KEY (network, account_id)
);
