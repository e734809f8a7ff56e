package org.facesearch.cli;

import java.util.Optional;

/**
 * How a person is named on the command line of {@code forget} and {@code allow-collection}: {@code SOURCE:ID}
 * ({@code vk:123}, {@code gallery:anna}), {@code vk:SCREEN_NAME} ({@code vk:durov}), or a bare profile id.
 *
 * @param profileId  the profile id, when the name is a bare number
 * @param source     the source, e.g. {@code vk}, otherwise
 * @param externalId the id within the source, or a VK screen name (see {@link #isVkScreenName()})
 */
record PersonName(Optional<Long> profileId, String source, String externalId) {
    static PersonName parse(String text) {
        String t = text.strip();
        if (t.matches("\\d{1,18}")) {
            return new PersonName(Optional.of(Long.parseLong(t)), null, null);
        }
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new UserException("cannot read '" + text + "': expected vk:ID, vk:SCREEN_NAME, SOURCE:ID or a profile id");
        }
        return new PersonName(Optional.empty(), t.substring(0, colon), t.substring(colon + 1));
    }

    /** A VK name that is not a numeric user id (VK screen names start with a letter). */
    boolean isVkScreenName() {
        return "vk".equals(source) && !externalId.matches("\\d+");
    }

    @Override
    public String toString() {
        return profileId.map(id -> "profile " + id).orElse(source + ":" + externalId);
    }
}
