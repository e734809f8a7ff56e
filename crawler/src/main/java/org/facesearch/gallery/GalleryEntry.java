package org.facesearch.gallery;

import java.nio.file.Path;

/**
 * One photo of a local gallery and the person it shows.
 *
 * @param person     the person's name: the profile's display name and, being unique per person within the
 *                   {@code gallery} source, its external id
 * @param file       the image file
 * @param profileUrl where the person can be found (CSV column {@code url}), or null
 */
public record GalleryEntry(String person, Path file, String profileUrl) {
    public GalleryEntry {
        if (person == null || person.isBlank()) {
            throw new IllegalArgumentException("a gallery photo needs a person's name: " + file);
        }
        person = person.strip();
    }
}
