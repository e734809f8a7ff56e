package org.facesearch.vector;

/**
 * A face's box in image pixels: top-left corner, width and height. The one type for a box everywhere: what the
 * detector finds, what the store keeps ({@code face.box_*}), what the API and the page draw.
 */
public record Box(float x, float y, float width, float height) {

    /** Intersection over union with {@code o}: 0 for disjoint boxes, 1 for equal ones. */
    public double iou(Box o) {
        double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = ix * iy;
        return inter / (width * height + o.width * o.height - inter);
    }
}
