package org.facesearch.cluster;

/**
 * Where a recluster reports progress: the CLI draws a progress bar, the automatic trigger inside a crawl logs
 * nothing ({@link #NONE}). One task at a time: {@code start}, any number of {@code advance}, {@code finish}.
 */
public interface ReclusterProgress {
    ReclusterProgress NONE = new ReclusterProgress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void finish() {
        }
    };

    void start(String task, long total);

    void advance(long steps);

    void finish();
}
