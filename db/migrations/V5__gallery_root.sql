-- The folders `facesearch import` read local galleries from (the gallery folder, or the folder of the CSV file).
-- The server reads a gallery photo's file (for a thumbnail) only when it lies under one of them: a stored
-- `file:` URL outside them, or on a row that is not a gallery's, is never opened.
CREATE TABLE gallery_root (
  path_sha256 BINARY(32)    NOT NULL,
  path        VARCHAR(2048) NOT NULL,
  created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (path_sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
