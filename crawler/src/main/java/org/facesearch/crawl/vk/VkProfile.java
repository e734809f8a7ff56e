package org.facesearch.crawl.vk;

/**
 * A VK user as the crawl needs it, free of SDK types.
 *
 * @param id         VK user id; 0 only for an unresolvable screen name that VK refused with error 18 or 30
 * @param screenName short address ({@code durov}), or {@code id123} when the user has none; may be null
 * @param photoUrl   the largest version of the main photo ({@code photo_max_orig}); null when there is none or
 *                   VK returned one of its placeholder images
 * @param status     why a profile has no photo to fetch, or {@link Status#OK}
 */
public record VkProfile(long id, String firstName, String lastName, String screenName, String photoUrl, Status status) {

    public enum Status {
        /** Active, open profile with a real photo. */
        OK,
        /** Active, but no photo (has_photo = 0 or a placeholder). */
        NO_PHOTO,
        /** Private profile ({@code is_closed}, or error 30). VK still shows its main photo publicly. */
        CLOSED,
        /** {@code deactivated: "deleted"}, or error 18 (deleted or banned; VK does not say which). */
        DELETED,
        /** {@code deactivated: "banned"}. */
        BANNED
    }

    /**
     * Whether the crawl should download this profile's photo: active profiles with a real photo, closed (private)
     * ones too unless {@code skipClosed} (VK shows a closed profile's main photo to everyone).
     */
    public boolean hasPhotoToFetch(boolean skipClosed) {
        return (status == Status.OK || status == Status.CLOSED && !skipClosed) && photoUrl != null;
    }

    /** The public page of the profile. */
    public String profileUrl() {
        return "https://vk.com/" + (id > 0 ? "id" + id : screenName);
    }
}
