/**
 * The face pipeline: decode (bounded, EXIF-upright) → detect (BlazeFace with a second look) → align (similarity
 * transform on the eyes) → embed (faceres 1024-d or mobileface 256-d, L2-normalised), on TensorFlow graphs converted
 * once from the pinned TF.js models ({@link org.facesearch.faces.ModelStore}). A photo with no face is a normal
 * outcome, not an error.
 */
package org.facesearch.faces;
