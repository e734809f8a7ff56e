/**
 * A blended face of two people: face-mesh landmarks, an average shape, Delaunay triangles, a piecewise-affine
 * warp of both photos onto it and a cross-dissolve into one square portrait.
 */
package org.facesearch.blend;
