-- Privacy and access (issue 18): the do-not-collect list, the log of removed faces a running server follows,
-- and the API keys of the HTTP server.

-- People who asked to be forgotten: no crawl or import stores a profile with this (source, external_id) again.
-- Removing an entry is an explicit command ('facesearch allow-collection'); forgetting never removes one.
CREATE TABLE do_not_collect (
  source      VARCHAR(16)  NOT NULL,
  external_id VARCHAR(191) NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (source, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The ids of faces a forget removed (ids only, nothing about the person), written in the forget's transaction, so
-- a running server drops them from its in-memory index at its next refresh.
CREATE TABLE face_removal (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  model      VARCHAR(32)  NOT NULL,
  face_id    BIGINT       NOT NULL,
  removed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX face_removal_model ON face_removal (model, id);

-- HTTP API keys. Only the SHA-256 of a key is stored; the key itself is shown once, when it is created.
CREATE TABLE api_key (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  key_hash   BINARY(32)   NOT NULL,
  -- admin (everything, including delete and forget) | search (the search endpoints)
  role       VARCHAR(16)  NOT NULL,
  label      VARCHAR(191) NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  revoked_at TIMESTAMP(3) NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE UNIQUE INDEX api_key_hash ON api_key (key_hash);
