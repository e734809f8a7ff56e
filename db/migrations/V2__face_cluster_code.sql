-- Step 1 of 3 of replacing face_cluster's float32 copy of every vector with a compact code. The code is the
-- face's 1-bit RaBitQ code relative to its cluster's centroid plus its two scalars (org.facesearch.index.CodeBytes:
-- 136 bytes at 1024-d instead of 4,096). Step 2 (the Java migration V3) computes the codes of existing rows from
-- their vectors, in committed batches, so a killed migration resumes; step 3 (V4) drops the vectors.
ALTER TABLE face_cluster ADD COLUMN code BLOB NULL;
