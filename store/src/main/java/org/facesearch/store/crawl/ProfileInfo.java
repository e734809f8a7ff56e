package org.facesearch.store.crawl;

/**
 * A person to store: the row of {@code profile}, keyed by {@code (source, externalId)}.
 *
 * @param source      {@code vk} or {@code gallery}
 * @param externalId  the id within the source (a VK user id, a gallery person's name); at most 191 characters
 * @param displayName what a search result shows
 * @param profileUrl  where the person can be found, or null
 * @param photoUrl    the photo the crawl fetched for this profile, or null
 */
public record ProfileInfo(String source, String externalId, String displayName, String profileUrl, String photoUrl,
                          ProfileStatus status) {
    public ProfileInfo {
        if (externalId == null || externalId.isEmpty() || externalId.length() > 191) {
            throw new IllegalArgumentException("external id must be 1..191 characters: " + externalId);
        }
        displayName = displayName == null ? "" : displayName;
    }
}
