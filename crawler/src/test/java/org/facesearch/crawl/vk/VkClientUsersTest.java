package org.facesearch.crawl.vk;

import static org.facesearch.crawl.vk.VkTestClients.client;
import static org.facesearch.crawl.vk.VkTestClients.ids;
import static org.facesearch.crawl.vk.VkTestClients.options;
import static org.facesearch.crawl.vk.VkTestClients.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.facesearch.crawl.vk.FakeVkServer.User;
import org.facesearch.crawl.vk.VkProfile.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VkClientUsersTest {
    private final FakeVkServer fake = FakeVkServer.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void usersGetCarriesAtMost1000IdsPerCall() throws Exception {
        fake.addUsers(1, 2500);
        try (VkClient vk = client(fake, TokenPool.of(List.of(token("t1")), 100), options(1000, 1))) {
            List<VkProfile> profiles = vk.users(ids(1, 2500));

            assertEquals(ids(1, 2500), profiles.stream().map(p -> Long.toString(p.id())).toList());
            assertTrue(profiles.stream().allMatch(p -> p.status() == Status.OK && p.hasPhotoToFetch(false)));
            assertEquals(fake.photoUrl("u7.jpg"), profiles.get(6).photoUrl());
            assertEquals("First7", profiles.get(6).firstName());
            List<FakeVkServer.Call> calls = fake.calls();
            assertEquals(List.of("users.get", "users.get", "users.get"), calls.stream().map(FakeVkServer.Call::method).toList());
            assertEquals(List.of(1000, 1000, 500), calls.stream().map(c -> c.params().get("user_ids").split(",").length).toList());
            assertEquals(Set.of("photo_max_orig", "has_photo", "photo_id", "screen_name"),
                    Set.of(calls.getFirst().params().get("fields").split(",")));
        }
    }

    @Test
    void executeBatchesSeveralUsersGetCallsIntoOneRequest() throws Exception {
        fake.addUsers(1, 2500);
        try (VkClient vk = client(fake, TokenPool.of(List.of(token("t1")), 100), options(1000, 25))) {
            List<VkProfile> profiles = vk.users(ids(1, 2500));

            assertEquals(ids(1, 2500), profiles.stream().map(p -> Long.toString(p.id())).toList());
            assertEquals(List.of("execute"), fake.calls().stream().map(FakeVkServer.Call::method).toList());
            assertEquals(3, fake.calls().getFirst().params().get("code").split("API\\.users\\.get").length - 1);
        }
    }

    @Test
    void moreThan25CallsSplitIntoSeveralExecutes() throws Exception {
        fake.addUsers(1, 60);
        try (VkClient vk = client(fake, TokenPool.of(List.of(token("t1")), 100), options(2, 25))) {
            assertEquals(60, vk.users(ids(1, 60)).size());
            // 30 calls of 2 ids: one execute of 25 calls, then one of 5
            assertEquals(List.of("execute", "execute"), fake.calls().stream().map(FakeVkServer.Call::method).toList());
        }
    }

    @Test
    void unavailableProfilesAreStatusesNotErrors() throws Exception {
        fake.user(User.active(1, "u1.jpg").withScreenName("durov"))
                .user(User.active(2, "u2.jpg").withDeactivated("deleted"))
                .user(User.active(3, "u3.jpg").withDeactivated("banned"))
                .user(User.active(4, "u4.jpg").withClosed())
                .user(User.active(5, null))
                .addUsers(6, 10)
                .failUser(7, 18)
                .failUser(8, 30);
        List<String> asked = List.of("durov", "2", "3", "4", "5", "6", "7", "8", "9", "10", "404");
        try (VkClient vk = client(fake, TokenPool.of(List.of(token("t1")), 100), options(6, 25))) {
            Map<Long, VkProfile> byId = vk.users(asked).stream().collect(Collectors.toMap(VkProfile::id, Function.identity()));

            assertEquals(Map.of(1L, Status.OK, 2L, Status.DELETED, 3L, Status.BANNED, 4L, Status.CLOSED, 5L, Status.NO_PHOTO,
                            6L, Status.OK, 7L, Status.DELETED, 8L, Status.CLOSED, 9L, Status.OK, 10L, Status.OK),
                    byId.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().status())));
            assertEquals("durov", byId.get(1L).screenName());
            assertEquals("https://vk.com/id1", byId.get(1L).profileUrl());
            assertNull(byId.get(2L).photoUrl(), "deactivated_400.png is a placeholder, not a photo");
            assertNull(byId.get(5L).photoUrl(), "camera_400.png is a placeholder, not a photo");
            assertEquals(fake.photoUrl("u4.jpg"), byId.get(4L).photoUrl());
            assertTrue(byId.get(4L).hasPhotoToFetch(false), "a closed profile's main photo is public");
            assertFalse(byId.get(4L).hasPhotoToFetch(true));
            assertTrue(byId.get(9L).hasPhotoToFetch(true));
        }
        // the failed second call inside execute was repeated alone, then split until 7 and 8 were isolated
        List<String> methods = fake.calls().stream().map(FakeVkServer.Call::method).toList();
        assertEquals("execute", methods.getFirst());
        assertTrue(methods.stream().skip(1).allMatch("users.get"::equals), methods.toString());
    }

    @Test
    void aRejectedExecuteScriptFallsBackToSingleCalls() throws Exception {
        fake.addUsers(1, 30).failNext("execute", 1, 13);
        try (VkClient vk = client(fake, TokenPool.of(List.of(token("t1")), 100), options(10, 25))) {
            assertEquals(ids(1, 30), vk.users(ids(1, 30)).stream().map(p -> Long.toString(p.id())).toList());
        }
        assertEquals(List.of("execute", "users.get", "users.get", "users.get"),
                fake.calls().stream().map(FakeVkServer.Call::method).toList());
    }
}
