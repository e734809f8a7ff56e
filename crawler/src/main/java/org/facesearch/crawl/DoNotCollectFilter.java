package org.facesearch.crawl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.facesearch.store.crawl.ProfileInfo;

/**
 * Drops the entries whose profile is on the do-not-collect list, asking the list once per source. The storage path
 * asks it twice: with a plain read before analysing photos (nothing of a listed person is processed), and with a
 * locking read inside the write transaction (nothing is stored of a person forgotten in between).
 */
final class DoNotCollectFilter {
    private DoNotCollectFilter() {
    }

    /**
     * The entries not listed, in their order.
     *
     * @param listed which of the given external ids of a source are on the list
     */
    static <T> List<T> collectable(List<T> entries, Function<T, ProfileInfo> profile,
                                   BiFunction<String, Set<String>, Set<String>> listed) {
        Map<String, Set<String>> bySource = new HashMap<>();
        entries.stream().map(profile).collect(Collectors.groupingBy(ProfileInfo::source,
                        Collectors.mapping(ProfileInfo::externalId, Collectors.toSet())))
                .forEach((source, ids) -> bySource.put(source, listed.apply(source, ids)));
        return entries.stream()
                .filter(e -> !bySource.get(profile.apply(e).source()).contains(profile.apply(e).externalId()))
                .toList();
    }
}
