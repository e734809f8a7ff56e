package org.facesearch.crawl;

import org.facesearch.store.crawl.ProfileInfo;

/**
 * One profile and its photo for {@link StoragePath#store}.
 *
 * @param photo the photo to process, or null when the profile has none (deactivated, closed, no photo)
 */
public record Submission(ProfileInfo profile, PhotoInput photo) {
}
