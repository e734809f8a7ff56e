package org.facesearch.crawl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Runs {@link CrawlBench} when asked with {@code -Dfacesearch.bench=true}; it asserts nothing. */
@EnabledIfSystemProperty(named = "facesearch.bench", matches = "true")
class CrawlBenchTest {
    @Test
    void printTable() throws Exception {
        System.out.println(CrawlBench.run(Integer.getInteger("facesearch.bench.profiles", 300)));
    }
}
