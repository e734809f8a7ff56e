"""Peers of `facesearch bench search`: FAISS (IndexFlatL2, IndexIVFFlat, and with FAISS >= 1.10 IndexIVFRaBitQ and
IndexIVFRaBitQFastScan + IndexRefineFlat and IndexIVFScalarQuantizer SQ8) and hnswlib on the bench's vectors.

Run by the Java bench with /usr/bin/python3; the modules come from PYTHONPATH when set (e.g. the native FAISS 1.15
and hnswlib 0.8 builds of ../shared/peers/python), else from Debian's packages. Reads from WORKDIR (little-endian float32, row-major):
base.f32 (n x d), queries.f32 (q x d), centroids.f32 (lists x d: the IVF lists of our index, so FAISS scans the
same lists) and assign.i64 (the list of every base vector, as our index assigned it: Debian's FAISS links the
reference BLAS, with which its own assignment of 1M x 1024 lists took over 15 minutes). Writes the top-10 ids of each configuration to WORKDIR/<name>.i64 and prints one line per
configuration: "ROW " + JSON. Latency: one query per call on one thread; QPS: one batch call on THREADS threads.
"""
import json
import sys
import time

import numpy as np


def load(path, d):
    # memory-mapped: the page cache holds the file, the process only holds what the index copies
    return np.memmap(path, dtype="<f4", mode="r").reshape(-1, d)


def row(**fields):
    print("ROW " + json.dumps(fields), flush=True)


def measure(workdir, name, single, batch, queries, k):
    single(queries[: min(50, len(queries))], k)  # warm-up
    ids = np.full((len(queries), k), -1, dtype="<i8")
    lat = []
    for i in range(len(queries)):
        t = time.perf_counter()
        ids[i] = single(queries[i : i + 1], k)[0]
        lat.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    batch(queries, k)
    qps = len(queries) / (time.perf_counter() - t)
    ids.tofile(f"{workdir}/{name}.i64")
    lat.sort()
    return dict(ids=f"{name}.i64", queries=len(queries), p50=lat[len(lat) // 2],
                p99=lat[max(0, int(np.ceil(0.99 * len(lat))) - 1)], qps=qps)


def build_of(faiss):
    options = faiss.get_compile_options().strip()
    if "AVX" not in options:
        return "Debian generic build, no AVX"
    # a pip-installed wheel (faiss-cpu, dynamic dispatch: "DD") or a build of the sources for this machine
    origin = "faiss-cpu wheel" if "site-packages" in faiss.__file__ else "native build"
    return f"{origin}, {options}"


def ivf_with_our_lists(faiss, workdir, d, base, make, threads, use_assignment=True):
    """An IVF index over our centroids, built by make(quantizer, nlist), filled with every base vector."""
    centroids = load(f"{workdir}/centroids.f32", d)
    quantizer = faiss.IndexFlatL2(d)
    quantizer.add(centroids)
    ivf = make(quantizer, len(centroids))
    ivf.quantizer_trains_alone = 0
    faiss.omp_set_num_threads(threads)
    sample = np.array(base[:: max(1, len(base) // 65536)])
    ivf.train(sample)  # quantizer already holds nlist centroids: FAISS skips k-means, trains the codec only
    return ivf, len(centroids), quantizer


def run_faiss_codes(workdir, d, base, queries, args, build, searcher):
    """IVF-RaBitQ(+FastScan) with exact re-rank (IndexRefineFlat) and IVF-SQ8 on our lists (FAISS >= 1.10)."""
    import faiss
    threads = args["threads"]
    kinds = [("IndexIVFRaBitQ", lambda q, n: faiss.IndexIVFRaBitQ(q, d, n), 4 + d // 8 + 8),
             ("IndexIVFRaBitQFastScan", lambda q, n: faiss.IndexIVFRaBitQFastScan(q, d, n), 4 + d // 8 + 8)]
    for name, make, code_bytes in kinds:
        if not hasattr(faiss, name):
            print(f"SKIP {name}: faiss {faiss.__version__} lacks it", flush=True)
            continue
        t = time.perf_counter()
        ivf, lists, quantizer = ivf_with_our_lists(faiss, workdir, d, base, make, threads)
        refine = faiss.IndexRefineFlat(ivf)
        for i in range(0, len(base), 65536):
            refine.add(np.array(base[i : i + 65536]))
        built = time.perf_counter() - t
        qb = ivf.qb  # FAISS's default query bits for this index (4 plain, 8 FastScan)
        for nprobe in args["nprobes"]:
            ivf.nprobe = nprobe
            for k_factor in args["refine_k_factors"]:
                params = faiss.IndexRefineSearchParameters(
                    k_factor=k_factor, base_index_params=faiss.IVFRaBitQSearchParameters(nprobe=nprobe, qb=qb))

                def go_with(n, params=params):
                    def go(q, k):
                        faiss.omp_set_num_threads(n)
                        return refine.search(q, k, params=params)[1]
                    return go
                m = measure(workdir, f"faiss-{name}-{nprobe}-{k_factor}", go_with(1), go_with(threads), queries, 10)
                row(engine=f"FAISS {name} (qb={qb}) {lists} lists (ours) + IndexRefineFlat, faiss {faiss.__version__} ({build})",
                    parameters=f"nprobe={nprobe} re-rank={10 * k_factor}", build_s=built,
                    bytes_per_face=4 * d + code_bytes, **m)
        del refine, ivf, quantizer
    t = time.perf_counter()
    ivf, lists, quantizer = ivf_with_our_lists(
        faiss, workdir, d, base, lambda q, n: faiss.IndexIVFScalarQuantizer(q, d, n, faiss.ScalarQuantizer.QT_8bit), threads)
    for i in range(0, len(base), 65536):
        ivf.add(np.array(base[i : i + 65536]))
    built = time.perf_counter() - t
    for nprobe in args["nprobes"]:
        ivf.nprobe = nprobe
        m = measure(workdir, f"faiss-sq8-{nprobe}", searcher(ivf, 1), searcher(ivf, threads), queries, 10)
        row(engine=f"FAISS IndexIVFScalarQuantizer SQ8 {lists} lists (ours), faiss {faiss.__version__} ({build})",
            parameters=f"nprobe={nprobe}", build_s=built, bytes_per_face=d + 8, **m)
    del ivf, quantizer


def run_faiss(workdir, d, base, queries, args):
    try:
        import faiss
    except ImportError:
        print("SKIP faiss: python3-faiss is not installed (apt-get install -y python3-faiss)", flush=True)
        return
    threads = args["threads"]
    build = f"faiss {faiss.__version__} ({build_of(faiss)})"

    def searcher(index, n):
        def go(q, k):
            faiss.omp_set_num_threads(n)
            return index.search(q, k)[1]
        return go

    flat_queries = queries[: args["flat_queries"]]
    queries = queries[: args["peer_queries"]]
    if hasattr(faiss, "IndexIVFRaBitQ"):
        run_faiss_codes(workdir, d, base, queries, args, build_of(faiss), searcher)
    t = time.perf_counter()
    flat = faiss.IndexFlatL2(d)
    for i in range(0, len(base), 65536):
        flat.add(np.array(base[i : i + 65536]))
    built = time.perf_counter() - t
    m = measure(workdir, "faiss-flat", searcher(flat, 1), searcher(flat, threads), flat_queries, 10)
    row(engine="FAISS IndexFlatL2, " + build, parameters="exact", build_s=built,
        bytes_per_face=4 * d, **m)
    del flat

    centroids = load(f"{workdir}/centroids.f32", d)
    t = time.perf_counter()
    quantizer = faiss.IndexFlatL2(d)
    quantizer.add(centroids)
    ivf = faiss.IndexIVFFlat(quantizer, d, len(centroids))
    ivf.train(centroids)  # quantizer already holds nlist centroids: FAISS skips training
    faiss.omp_set_num_threads(threads)
    assign = np.ascontiguousarray(np.fromfile(f"{workdir}/assign.i64", dtype="<i8"))
    for i in range(0, len(base), 65536):
        chunk = np.array(base[i : i + 65536])
        ivf.add_core(len(chunk), faiss.swig_ptr(chunk), None, faiss.swig_ptr(assign[i : i + 65536]))
    built = time.perf_counter() - t
    for nprobe in args["nprobes"]:
        ivf.nprobe = nprobe
        m = measure(workdir, f"faiss-ivf-{nprobe}", searcher(ivf, 1), searcher(ivf, threads), queries, 10)
        row(engine=f"FAISS IndexIVFFlat {len(centroids)} lists (ours, given our assignment), " + build, parameters=f"nprobe={nprobe}",
            build_s=built, bytes_per_face=4 * d + 8, **m)
    del ivf


def run_hnswlib(workdir, d, base, queries, args):
    try:
        import hnswlib
    except ImportError:
        print("SKIP hnswlib: python3-hnswlib is not installed (apt-get install -y python3-hnswlib)", flush=True)
        return
    threads = args["threads"]
    queries = queries[: args["peer_queries"]]
    for m_links in args["hnsw_m"]:
        t = time.perf_counter()
        index = hnswlib.Index(space="l2", dim=d)
        index.init_index(max_elements=len(base), ef_construction=args["hnsw_ef_construction"], M=m_links)
        index.set_num_threads(threads)
        for i in range(0, len(base), 65536):
            index.add_items(np.array(base[i : i + 65536]), np.arange(i, min(i + 65536, len(base))))
        built = time.perf_counter() - t

        def searcher(n):
            def go(q, k):
                index.set_num_threads(n)
                return index.knn_query(q, k=k)[0].astype("<i8")
            return go

        for ef in args["hnsw_ef"]:
            index.set_ef(ef)
            m = measure(workdir, f"hnsw-{m_links}-{ef}", searcher(1), searcher(threads), queries, 10)
            debian = hnswlib.__file__.startswith("/usr/lib/python3/")
            label = "Debian generic build, no AVX" if debian else "native build"
            version = getattr(hnswlib, "__version__", "0.6.2" if debian else "0.8")
            row(engine=f"hnswlib {version} M={m_links} efC={args['hnsw_ef_construction']} ({label})",
                parameters=f"ef={ef}", build_s=built, bytes_per_face=4 * d + 8 * m_links + 8, **m)
        del index


def main():
    workdir, d, peer = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    args = json.loads(sys.argv[4])
    base = load(f"{workdir}/base.f32", d)
    queries = np.array(load(f"{workdir}/queries.f32", d))
    {"faiss": run_faiss, "hnswlib": run_hnswlib}[peer](workdir, d, base, queries, args)


if __name__ == "__main__":
    main()
