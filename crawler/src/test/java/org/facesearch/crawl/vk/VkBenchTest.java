package org.facesearch.crawl.vk;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Runs {@link VkBench} when asked with {@code -Dfacesearch.bench=true}; it asserts nothing. */
@EnabledIfSystemProperty(named = "facesearch.bench", matches = "true")
class VkBenchTest {
    @Test
    void printTable() throws Exception {
        System.out.println(VkBench.run(Duration.ofSeconds(Long.getLong("facesearch.bench.seconds", 12)), Integer.getInteger("facesearch.bench.profiles", 200_000)));
    }
}
