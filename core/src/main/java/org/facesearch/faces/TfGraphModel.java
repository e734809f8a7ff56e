package org.facesearch.faces;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * One imported TensorFlow graph with its session. {@link #run} is safe to call from many threads at once:
 * a TensorFlow session runs concurrent steps itself, and each call feeds and fetches its own tensors.
 */
final class TfGraphModel implements AutoCloseable {

    private final Graph graph;
    private final Session session;

    TfGraphModel(GraphDef def) {
        graph = new Graph();
        try {
            graph.importGraphDef(def);
            session = new Session(graph);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** Feeds {@code input} (row-major, of {@code shape}) and returns each output flattened, in order. */
    float[][] run(String inputName, float[] input, long[] shape, String... outputs) {
        try (Tensor in = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(input, true, false))) {
            Session.Runner runner = session.runner().feed(inputName, in);
            for (String o : outputs) runner.fetch(o);
            try (Result result = runner.run()) {
                float[][] values = new float[outputs.length][];
                for (int i = 0; i < outputs.length; i++) {
                    TFloat32 t = (TFloat32) result.get(i);
                    values[i] = new float[(int) t.shape().size()];
                    t.copyTo(DataBuffers.of(values[i], false, false));
                }
                return values;
            }
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
