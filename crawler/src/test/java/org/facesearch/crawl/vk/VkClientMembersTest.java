package org.facesearch.crawl.vk;

import static org.facesearch.crawl.vk.VkTestClients.client;
import static org.facesearch.crawl.vk.VkTestClients.options;
import static org.facesearch.crawl.vk.VkTestClients.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VkClientMembersTest {
    private final FakeVkServer fake = FakeVkServer.start();
    private final List<Long> members = LongStream.rangeClosed(101, 2600).boxed().toList();

    @BeforeEach
    void group() {
        fake.group(77, "testgroup", members)
                .user(FakeVkServer.User.active(101, "u101.jpg").withDeactivated("banned"))
                .user(FakeVkServer.User.active(102, null));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void pagesThroughAGroupWith1000MembersPerCall() throws Exception {
        try (VkClient vk = client(fake, TokenPool.of(List.of(token("t1")), 100), options(1000, 1))) {
            List<Long> seen = new ArrayList<>();
            List<VkProfile.Status> statuses = new ArrayList<>();
            String[] photoOfLast = new String[1];
            List<Long> offsets = new ArrayList<>();
            MembersChunk chunk;
            long offset = 0;
            do {
                offsets.add(offset);
                chunk = vk.groupMembers("77", offset);
                assertEquals(2500, chunk.total());
                chunk.members().forEach(m -> {
                    seen.add(m.id());
                    statuses.add(m.status());
                    photoOfLast[0] = m.photoUrl();
                });
                offset = chunk.nextOffset();
            } while (!chunk.done());

            assertEquals(members, seen);
            assertEquals(List.of(VkProfile.Status.BANNED, VkProfile.Status.NO_PHOTO, VkProfile.Status.OK),
                    statuses.subList(0, 3));
            assertEquals(fake.photoUrl("u2600.jpg"), photoOfLast[0]);
            assertEquals(List.of(0L, 1000L, 2000L), offsets);
            assertEquals(List.of("0", "1000", "2000"), fake.calls().stream().map(c -> c.params().get("offset")).toList());
            assertTrue(fake.calls().stream().allMatch(c -> c.method().equals("groups.getMembers")
                    && c.params().get("count").equals("1000") && c.params().get("fields").contains("photo_max_orig")));
        }
    }

    @Test
    void executeFetchesSeveralPagesPerRequestByGroupName() throws Exception {
        try (VkClient vk = client(fake, TokenPool.of(List.of(token("t1")), 100), options(1000, 2))) {
            MembersChunk first = vk.groupMembers("testgroup", 0);
            MembersChunk second = vk.groupMembers("testgroup", first.nextOffset());

            assertEquals(members.subList(0, 2000), first.members().stream().map(VkProfile::id).toList());
            assertEquals(2000, first.nextOffset());
            assertEquals(members.subList(2000, 2500), second.members().stream().map(VkProfile::id).toList());
            assertTrue(second.done());
            assertEquals(List.of("execute", "execute"), fake.calls().stream().map(FakeVkServer.Call::method).toList());
        }
    }

    @Test
    void unknownGroupIsAVkErrorWithItsCode() throws Exception {
        try (VkClient vk = client(fake, TokenPool.of(List.of(token("t1")), 100), options(1000, 3))) {
            VkApiException e = assertThrows(VkApiException.class, () -> vk.groupMembers("nosuchgroup", 0));
            assertEquals(100, e.code());
        }
    }
}
