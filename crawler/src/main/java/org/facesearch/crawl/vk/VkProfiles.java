package org.facesearch.crawl.vk;

import com.vk.api.sdk.objects.base.BoolInt;
import com.vk.api.sdk.objects.users.UserFull;

/** Turns the SDK's user objects and per-user VK errors into {@link VkProfile}s. */
final class VkProfiles {
    private VkProfiles() {
    }

    static VkProfile from(UserFull user) {
        String photo = user.getPhotoMaxOrig() == null ? null : user.getPhotoMaxOrig().toString();
        if (photo != null && VkPlaceholders.isPlaceholder(photo)) {
            photo = null;
        }
        VkProfile.Status status;
        if ("banned".equals(user.getDeactivated())) {
            status = VkProfile.Status.BANNED;
        } else if (user.getDeactivated() != null) {
            status = VkProfile.Status.DELETED;
        } else if (Boolean.TRUE.equals(user.getIsClosed()) && !Boolean.TRUE.equals(user.getCanAccessClosed())) {
            status = VkProfile.Status.CLOSED;
        } else if (photo == null || user.getHasPhoto() == BoolInt.NO) {
            status = VkProfile.Status.NO_PHOTO;
        } else {
            status = VkProfile.Status.OK;
        }
        if (status == VkProfile.Status.DELETED || status == VkProfile.Status.BANNED) {
            photo = null;
        }
        return new VkProfile(user.getId(), user.getFirstName(), user.getLastName(), user.getScreenName(), photo, status);
    }

    /**
     * A user VK refused to describe: error 18 (deleted or banned) or 30 (private) for a single id or screen name.
     */
    static VkProfile unavailable(String idOrScreenName, int code) {
        boolean numeric = idOrScreenName.chars().allMatch(Character::isDigit);
        return new VkProfile(numeric ? Long.parseLong(idOrScreenName) : 0, null, null, numeric ? null : idOrScreenName,
                null, code == 30 ? VkProfile.Status.CLOSED : VkProfile.Status.DELETED);
    }
}
