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
