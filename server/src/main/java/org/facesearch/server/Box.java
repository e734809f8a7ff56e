package org.facesearch.server;

/** A face box in image pixels: top-left corner, width and height. */
public record Box(float x, float y, float width, float height) {
}
