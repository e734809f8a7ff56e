package org.facesearch.crawl.vk;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Recognises the stock images VK returns instead of a user photo: {@code https://vk.com/images/camera_400.png}
 * (no photo; sizes 50/100/200/400, sometimes {@code ?ava=1}), {@code deactivated_400.png} (deleted or banned) and
 * {@code community_*.png} (groups), served from {@code /images/} on vk.com or vk.ru. Real photos live on
 * {@code *.userapi.com} CDN hosts under other paths. Matching is on the path only, so it works for any host,
 * including a proxy or the fake VK server in tests.
 */
public final class VkPlaceholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("/images/(camera|deactivated|community)_[a-z0-9_]*\\.(png|gif|jpg)");

    private VkPlaceholders() {
    }

    public static boolean isPlaceholder(String url) {
        try {
            String path = URI.create(url).getPath();
            return path != null && PLACEHOLDER.matcher(path).matches();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
