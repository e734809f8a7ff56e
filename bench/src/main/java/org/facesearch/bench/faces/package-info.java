/**
 * {@code bench faces}: the face models on labelled real photos (same/different-person ROC AUC, nearest-same-person
 * rate, ms per face, memory) and the detector on a large photo.
 */
package org.facesearch.bench.faces;
