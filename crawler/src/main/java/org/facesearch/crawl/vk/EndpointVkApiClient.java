package org.facesearch.crawl.vk;

import com.vk.api.sdk.client.TransportClient;
import com.vk.api.sdk.client.VkApiClient;

/**
 * The SDK client pointed at a configurable API endpoint (VK itself, a proxy, or a fake in tests). The SDK's own
 * switch, the {@code api.host} system property, is global and forces https; overriding
 * {@link #getApiEndpoint()} is per instance and takes any URL. The endpoint must end with {@code /}: the SDK
 * appends the method name to it.
 */
final class EndpointVkApiClient extends VkApiClient {
    private final String endpoint;

    EndpointVkApiClient(TransportClient transport, String endpoint) {
        super(transport);
        this.endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    @Override
    public String getApiEndpoint() {
        return endpoint;
    }
}
