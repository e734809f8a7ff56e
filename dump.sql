-- facesearch database schema, generated from db/migrations by `facesearch db dump`. Do not edit:
-- change the migrations and regenerate. Load into an empty database: mysql vk_db < dump.sql

-- ==== V1__schema.sql ====

-- facesearch schema, version 1. The one source of the schema: Flyway applies it, jOOQ generates its classes
-- from it, and dump.sql is produced from it. SQL stays within what both MySQL 8 and MariaDB 10.11+ accept.
-- Vectors are little-endian float32 BLOBs (4 bytes x dimension), L2-normalised.

-- A person: a VK profile (source 'vk', external_id = VK user id) or a local gallery entry (source 'gallery').
CREATE TABLE profile (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  source       VARCHAR(16)   NOT NULL,
  external_id  VARCHAR(191)  NOT NULL,
  display_name VARCHAR(512)  NOT NULL,
  profile_url  VARCHAR(1024) NULL,
  photo_url    VARCHAR(2048) NULL,
  -- ok | no_photo | deactivated | closed | failed
  status       VARCHAR(16)   NOT NULL,
  created_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE UNIQUE INDEX profile_source_external ON profile (source, external_id);

-- A downloaded (or imported) image. content_sha256 lets a photo already seen be skipped.
CREATE TABLE photo (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  profile_id     BIGINT        NOT NULL,
  url            VARCHAR(2048) NOT NULL,
  content_sha256 BINARY(32)    NULL,
  width          INT           NULL,
  height         INT           NULL,
  byte_size      INT           NULL,
  -- ok | no_face | failed
  status         VARCHAR(16)   NOT NULL,
  failure_reason VARCHAR(1024) NULL,
  created_at     TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT photo_profile_fk FOREIGN KEY (profile_id) REFERENCES profile (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX photo_profile ON photo (profile_id);
CREATE INDEX photo_content ON photo (content_sha256);

-- A detected face: its box in photo pixels, the detector score, and its embedding under one model.
-- Vectors of different models never mix: every query filters on model.
CREATE TABLE face (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  photo_id   BIGINT       NOT NULL,
  profile_id BIGINT       NOT NULL,
  box_x      FLOAT        NOT NULL,
  box_y      FLOAT        NOT NULL,
  box_w      FLOAT        NOT NULL,
  box_h      FLOAT        NOT NULL,
  score      FLOAT        NOT NULL,
  model      VARCHAR(32)  NOT NULL,
  vector     BLOB         NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT face_photo_fk FOREIGN KEY (photo_id) REFERENCES photo (id),
  CONSTRAINT face_profile_fk FOREIGN KEY (profile_id) REFERENCES profile (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX face_photo ON face (photo_id);
CREATE INDEX face_profile ON face (profile_id);
CREATE INDEX face_model ON face (model, id);

-- One k-means model of one embedder's faces. At most one 'active' clustering per model; a recluster
-- writes a 'building' one beside it and switches in one transaction, then the old one is 'retired' and deleted.
CREATE TABLE clustering (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  model        VARCHAR(32)  NOT NULL,
  k            INT          NOT NULL,
  cap          INT          NOT NULL,
  -- building | active | retired
  status       VARCHAR(16)  NOT NULL,
  created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  activated_at TIMESTAMP(3) NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX clustering_model_status ON clustering (model, status);

CREATE TABLE centroid (
  clustering_id BIGINT NOT NULL,
  cluster_id    INT    NOT NULL,
  vector        BLOB   NOT NULL,
  size          INT    NOT NULL,
  PRIMARY KEY (clustering_id, cluster_id),
  CONSTRAINT centroid_clustering_fk FOREIGN KEY (clustering_id) REFERENCES clustering (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The assignment of faces to clusters, one row per face per clustering version. The primary key makes the
-- rows of one cluster physically contiguous in InnoDB, and the row carries a copy of the face's vector, so
-- reading one cluster for a search is one primary-key range scan with no lookups into face.
CREATE TABLE face_cluster (
  clustering_id BIGINT NOT NULL,
  cluster_id    INT    NOT NULL,
  face_id       BIGINT NOT NULL,
  vector        BLOB   NOT NULL,
  PRIMARY KEY (clustering_id, cluster_id, face_id),
  CONSTRAINT face_cluster_clustering_fk FOREIGN KEY (clustering_id) REFERENCES clustering (id),
  CONSTRAINT face_cluster_face_fk FOREIGN KEY (face_id) REFERENCES face (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE UNIQUE INDEX face_cluster_face ON face_cluster (clustering_id, face_id);

-- The cursor of each crawl source (e.g. 'users:1-100000', 'group:apiclub'); it advances only after the
-- batch it covers is committed, so a killed crawl resumes where it stopped.
CREATE TABLE crawl_state (
  source_key   VARCHAR(191) NOT NULL,
  cursor_value VARCHAR(191) NOT NULL,
  done         BOOLEAN      NOT NULL DEFAULT FALSE,
  updated_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (source_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ==== V2__face_cluster_code.sql ====

-- Step 1 of 3 of replacing face_cluster's float32 copy of every vector with a compact code. The code is the
-- face's 1-bit RaBitQ code relative to its cluster's centroid plus its two scalars (org.facesearch.index.CodeBytes:
-- 136 bytes at 1024-d instead of 4,096). Step 2 (the Java migration V3) computes the codes of existing rows from
-- their vectors, in committed batches, so a killed migration resumes; step 3 (V4) drops the vectors.
ALTER TABLE face_cluster ADD COLUMN code BLOB NULL;

-- ==== V4__face_cluster_drop_vector.sql ====

-- Step 3 of 3 (see V2): every row has its code now (V3), so the float32 copy goes; the vector of a face is
-- stored once, in face.vector, where searches read it for the exact re-rank of their best candidates.
ALTER TABLE face_cluster DROP COLUMN vector;
ALTER TABLE face_cluster MODIFY code BLOB NOT NULL;

-- ==== V5__gallery_root.sql ====

-- The folders `facesearch import` read local galleries from (the gallery folder, or the folder of the CSV file).
-- The server reads a gallery photo's file (for a thumbnail) only when it lies under one of them: a stored
-- `file:` URL outside them, or on a row that is not a gallery's, is never opened.
CREATE TABLE gallery_root (
  path_sha256 BINARY(32)    NOT NULL,
  path        VARCHAR(2048) NOT NULL,
  created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (path_sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ==== V6__photo_content_unique.sql ====

-- A photo's content is stored once: a unique key on its SHA-256, so that no writer (two crawls or imports at once,
-- a buggy client) can store the same photo twice. Photos without content (failed downloads) have a NULL hash and
-- are not concerned. Duplicates stored before this version are removed first, keeping the oldest copy: their faces'
-- cluster rows (and the cluster sizes counting them), their faces, then the photos themselves. (jOOQ's code
-- generator skips the data changes: it only needs the schema.)
/* [jooq ignore start] */
CREATE TEMPORARY TABLE duplicate_photo (id BIGINT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
INSERT INTO duplicate_photo (id)
  SELECT p.id FROM photo p
  WHERE p.content_sha256 IS NOT NULL
    AND EXISTS (SELECT 1 FROM photo keep WHERE keep.content_sha256 = p.content_sha256 AND keep.id < p.id);
UPDATE centroid c
  JOIN (SELECT fc.clustering_id, fc.cluster_id, COUNT(*) AS n
        FROM face_cluster fc JOIN face f ON f.id = fc.face_id JOIN duplicate_photo d ON d.id = f.photo_id
        GROUP BY fc.clustering_id, fc.cluster_id) gone
    ON gone.clustering_id = c.clustering_id AND gone.cluster_id = c.cluster_id
  SET c.size = c.size - gone.n;
DELETE fc FROM face_cluster fc JOIN face f ON f.id = fc.face_id JOIN duplicate_photo d ON d.id = f.photo_id;
DELETE f FROM face f JOIN duplicate_photo d ON d.id = f.photo_id;
DELETE p FROM photo p JOIN duplicate_photo d ON d.id = p.id;
DROP TEMPORARY TABLE duplicate_photo;
/* [jooq ignore stop] */

CREATE UNIQUE INDEX photo_content_unique ON photo (content_sha256);
DROP INDEX photo_content ON photo;

-- ==== V20__do_not_collect_and_api_keys.sql ====

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
