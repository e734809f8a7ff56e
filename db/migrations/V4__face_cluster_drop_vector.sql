-- Step 3 of 3 (see V2): every row has its code now (V3), so the float32 copy goes; the vector of a face is
-- stored once, in face.vector, where searches read it for the exact re-rank of their best candidates.
ALTER TABLE face_cluster DROP COLUMN vector;
ALTER TABLE face_cluster MODIFY code BLOB NOT NULL;
