package org.facesearch.crawl.vk;

import java.util.List;

/**
 * Consecutive members of a group from {@code offset}, as returned by {@link VkClient#groupMembers}.
 *
 * @param total      the group's member count as VK reported it
 * @param members    the members' profiles in VK's order (ascending id by default)
 * @param nextOffset where the next chunk starts: the cursor to store once this chunk is committed
 */
public record MembersChunk(long total, List<VkProfile> members, long nextOffset) {
    /** True when there is nothing after this chunk. */
    public boolean done() {
        return nextOffset >= total || members.isEmpty();
    }
}
