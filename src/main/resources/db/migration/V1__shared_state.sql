-- Shared state of the embedded authorization server, for H2 (the single-instance default)
-- and PostgreSQL alike: only types both accept (varchar without a length is unbounded in
-- both, bytea is binary in both, timestamp with time zone keeps instants exact).
--
-- Spring Authorization Server's tables follow its stock schema, but client ids are wider
-- (a client ID metadata document's client_id is an https URL of up to 2000 characters) and
-- long values are unbounded. Its JDBC services name their columns, so the extra columns
-- below are filled by their defaults. Token values are looked up by equality: short ones
-- (state, codes, refresh tokens) are indexed; JWTs are not (a B-tree entry in PostgreSQL
-- is limited to about 2.7 kB), they are only looked up by revocation and userinfo.

CREATE TABLE oauth2_registered_client (
    id varchar(2048) NOT NULL,
    client_id varchar(2048) NOT NULL,
    client_id_issued_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    client_secret varchar(500) DEFAULT NULL,
    client_secret_expires_at timestamp with time zone DEFAULT NULL,
    client_name varchar NOT NULL,
    client_authentication_methods varchar(1000) NOT NULL,
    authorization_grant_types varchar(1000) NOT NULL,
    redirect_uris varchar DEFAULT NULL,
    post_logout_redirect_uris varchar DEFAULT NULL,
    scopes varchar NOT NULL,
    client_settings varchar NOT NULL,
    token_settings varchar NOT NULL,
    PRIMARY KEY (id)
);

CREATE UNIQUE INDEX oauth2_registered_client_client_id ON oauth2_registered_client (client_id);
CREATE INDEX oauth2_registered_client_issued_at ON oauth2_registered_client (client_id_issued_at);

CREATE TABLE oauth2_authorization (
    id varchar(100) NOT NULL,
    registered_client_id varchar(2048) NOT NULL,
    principal_name varchar(500) NOT NULL,
    authorization_grant_type varchar(100) NOT NULL,
    authorized_scopes varchar DEFAULT NULL,
    attributes varchar DEFAULT NULL,
    state varchar(500) DEFAULT NULL,
    authorization_code_value varchar(1000) DEFAULT NULL,
    authorization_code_issued_at timestamp with time zone DEFAULT NULL,
    authorization_code_expires_at timestamp with time zone DEFAULT NULL,
    authorization_code_metadata varchar DEFAULT NULL,
    access_token_value varchar DEFAULT NULL,
    access_token_issued_at timestamp with time zone DEFAULT NULL,
    access_token_expires_at timestamp with time zone DEFAULT NULL,
    access_token_metadata varchar DEFAULT NULL,
    access_token_type varchar(100) DEFAULT NULL,
    access_token_scopes varchar DEFAULT NULL,
    oidc_id_token_value varchar DEFAULT NULL,
    oidc_id_token_issued_at timestamp with time zone DEFAULT NULL,
    oidc_id_token_expires_at timestamp with time zone DEFAULT NULL,
    oidc_id_token_metadata varchar DEFAULT NULL,
    refresh_token_value varchar(1000) DEFAULT NULL,
    refresh_token_issued_at timestamp with time zone DEFAULT NULL,
    refresh_token_expires_at timestamp with time zone DEFAULT NULL,
    refresh_token_metadata varchar DEFAULT NULL,
    user_code_value varchar(1000) DEFAULT NULL,
    user_code_issued_at timestamp with time zone DEFAULT NULL,
    user_code_expires_at timestamp with time zone DEFAULT NULL,
    user_code_metadata varchar DEFAULT NULL,
    device_code_value varchar(1000) DEFAULT NULL,
    device_code_issued_at timestamp with time zone DEFAULT NULL,
    device_code_expires_at timestamp with time zone DEFAULT NULL,
    device_code_metadata varchar DEFAULT NULL,
    -- Not Spring Authorization Server's: when the grant was first saved, for the purge of
    -- grants that never got a token.
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    PRIMARY KEY (id)
);

CREATE INDEX oauth2_authorization_state ON oauth2_authorization (state);
CREATE INDEX oauth2_authorization_code ON oauth2_authorization (authorization_code_value);
CREATE INDEX oauth2_authorization_refresh_token ON oauth2_authorization (refresh_token_value);
CREATE INDEX oauth2_authorization_client ON oauth2_authorization (registered_client_id);
CREATE INDEX oauth2_authorization_created_at ON oauth2_authorization (created_at);

-- Spring Authorization Server's consent table. This server asks consent before sign-in, per
-- authorization request and browser (kept in the HTTP session below), never as a lasting
-- grant per user, so the table stays empty; it is here so that its JDBC service could be
-- turned on without a migration.
CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(2048) NOT NULL,
    principal_name varchar(500) NOT NULL,
    authorities varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- Refresh token reuse detection: the hash of every rotated-out refresh token, with the
-- grant (the token family: one authorization row keeps its id through every rotation) it
-- belonged to, until the token would have expired. Presenting one again revokes the family.
CREATE TABLE mcp_retired_refresh_token (
    token_hash varchar(64) NOT NULL,
    authorization_id varchar(100) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    PRIMARY KEY (token_hash)
);

CREATE INDEX mcp_retired_refresh_token_authorization ON mcp_retired_refresh_token (authorization_id);
CREATE INDEX mcp_retired_refresh_token_expires_at ON mcp_retired_refresh_token (expires_at);

-- Bridge mode: Cognito's tokens behind each bridge sign-in, AES-GCM encrypted with
-- BRIDGE_TOKEN_ENCRYPTION_KEY, never in clear.
CREATE TABLE mcp_upstream_grant (
    grant_id varchar(100) NOT NULL,
    scopes varchar NOT NULL,
    access_token bytea NOT NULL,
    refresh_token bytea DEFAULT NULL,
    expires_at timestamp with time zone NOT NULL,
    saved_at timestamp with time zone NOT NULL,
    PRIMARY KEY (grant_id)
);

CREATE INDEX mcp_upstream_grant_expires_at ON mcp_upstream_grant (expires_at);
CREATE INDEX mcp_upstream_grant_saved_at ON mcp_upstream_grant (saved_at);

-- Secrets that every replica must share and no operator needs to set, made by the first
-- replica that needs one (the key that signs the consent cookie).
CREATE TABLE mcp_shared_secret (
    name varchar(100) NOT NULL,
    secret bytea NOT NULL,
    PRIMARY KEY (name)
);

-- Spring Session's schema (its schema-postgresql.sql, with bytea, which H2 accepts too),
-- so that a sign-in started on one replica can finish on another.
CREATE TABLE spring_session (
    primary_id char(36) NOT NULL,
    session_id char(36) NOT NULL,
    creation_time bigint NOT NULL,
    last_access_time bigint NOT NULL,
    max_inactive_interval int NOT NULL,
    expiry_time bigint NOT NULL,
    principal_name varchar(500),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36) NOT NULL,
    attribute_name varchar(200) NOT NULL,
    attribute_bytes bytea NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
