package org.facesearch.crawl;

import java.util.OptionalLong;
import org.facesearch.crawl.vk.MembersChunk;
import org.facesearch.crawl.vk.VkClient;

/**
 * {@code --group ID_OR_NAME}: the members of a public group, as many per batch as the {@link VkClient} returns
 * per {@code groups.getMembers} chunk (members come with their profile fields, so no {@code users.get} is needed).
 * The cursor is the member offset. The total is known after the first chunk; members joining or leaving during
 * a crawl shift offsets, so a long crawl may miss or repeat a few (repeats are upserts, never duplicates).
 */
public final class GroupSource implements CrawlSource {
    private final VkClient vk;
    private final String group;
    private volatile long total = -1;

    public GroupSource(VkClient vk, String group) {
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("group id or name is empty");
        }
        this.vk = vk;
        this.group = group.strip();
    }

    @Override
    public String key() {
        return "group:" + group;
    }

    @Override
    public String initialCursor() {
        return "0";
    }

    @Override
    public Batch next(String cursor) throws InterruptedException {
        MembersChunk chunk = vk.groupMembers(group, Long.parseLong(cursor));
        total = chunk.total();
        return new Batch(chunk.members(), Long.toString(chunk.nextOffset()), chunk.done());
    }

    @Override
    public long position(String cursor) {
        return Long.parseLong(cursor);
    }

    @Override
    public OptionalLong total() {
        return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }
}
