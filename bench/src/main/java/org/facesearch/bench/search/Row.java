package org.facesearch.bench.search;

/**
 * One line of the search benchmark table. {@code NaN} marks a figure that was not measured for that engine.
 *
 * @param engine         which implementation (ours, FAISS, hnswlib) and its build
 * @param parameters     the search parameter that varies (nprobe, ef)
 * @param recall         recall@10 against exact search
 * @param identityRecall mean share of the query person's stored faces found in the top 10
 * @param p50Millis      median single-thread latency
 * @param p99Millis      99th percentile single-thread latency
 * @param qps            queries per second with the benchmark's thread count
 * @param buildSeconds   time to build or load the index
 * @param bytesPerFace   index memory per face
 */
record Row(String engine, String parameters, double recall, double identityRecall, double p50Millis,
        double p99Millis, double qps, double buildSeconds, double bytesPerFace) {
}
