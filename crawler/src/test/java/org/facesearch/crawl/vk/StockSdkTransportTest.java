package org.facesearch.crawl.vk;

import static org.facesearch.crawl.vk.VkTestClients.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vk.api.sdk.client.actors.UserActor;
import com.vk.api.sdk.exceptions.ApiExtendedException;
import com.vk.api.sdk.httpclient.HttpTransportClient;
import com.vk.api.sdk.objects.users.Fields;
import com.vk.api.sdk.objects.users.responses.GetResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fake must be usable with the SDK as shipped, not only with {@link JdkTransportClient}: the stock Apache
 * transport looks up {@code Content-Type} case-sensitively, the trap that rules out the JDK's HttpServer.
 */
class StockSdkTransportTest {
    @Test
    void stockTransportParsesTheFakesAnswersAndErrors() throws Exception {
        try (FakeVkServer fake = FakeVkServer.start().addUsers(1, 3)) {
            EndpointVkApiClient sdk = new EndpointVkApiClient(new HttpTransportClient(), fake.endpoint().toString());
            UserActor actor = new UserActor(0L, token("stock"));

            List<GetResponse> users = sdk.users().get(actor).userIds("2").fields(Fields.PHOTO_MAX_ORIG).executeWithoutRetry();
            assertEquals(2L, users.getFirst().getId());
            assertEquals(fake.photoUrl("u2.jpg"), users.getFirst().getPhotoMaxOrig().toString());

            fake.failNext("users.get", 1, 6);
            ApiExtendedException e = assertThrows(ApiExtendedException.class,
                    () -> sdk.users().get(actor).userIds("2").executeWithoutRetry());
            assertEquals(6, e.getCode());
        }
    }
}
