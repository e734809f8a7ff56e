package org.facesearch.faces;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the weights of a TF.js graph model: the {@code weightsManifest} groups of {@code model.json}, each a
 * list of binary shards concatenated, holding the weights back to back in manifest order.
 * Quantised weights are expanded here: {@code uint8}/{@code uint16} as {@code q * scale + min}, {@code float16}
 * as IEEE half precision. The result is one {@link TensorProto} per weight name, in the dtype TF.js stored
 * (float32, int32 or bool); widening to the graph's declared dtype is {@link #widen}'s job.
 */
final class TfjsWeights {

    private TfjsWeights() {}

    static Map<String, TensorProto> read(JsonNode manifest, Path dir) throws IOException {
        Map<String, TensorProto> weights = new HashMap<>();
        for (JsonNode group : manifest) {
            var bytes = new ByteArrayOutputStream();
            for (JsonNode p : group.get("paths")) {
                Path shard = dir.resolve(p.asText());
                if (!Files.isRegularFile(shard)) throw new IOException("weight shard missing: " + shard);
                bytes.write(Files.readAllBytes(shard));
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : group.get("weights")) weights.put(w.get("name").asText(), decode(w, buf));
            if (buf.hasRemaining()) throw new IOException("weight shards hold " + buf.remaining() + " bytes more than the manifest lists");
        }
        return weights;
    }

    /** Decodes one manifest entry from the current position of {@code buf}. */
    static TensorProto decode(JsonNode w, ByteBuffer buf) {
        String name = w.get("name").asText();
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        long count = 1;
        for (JsonNode d : w.get("shape")) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d.asLong()));
            count *= d.asLong();
        }
        DataType dtype = switch (w.get("dtype").asText()) {
            case "float32" -> DataType.DT_FLOAT;
            case "int32" -> DataType.DT_INT32;
            case "bool" -> DataType.DT_BOOL;
            default -> throw new UnsupportedOperationException("weight " + name + " has dtype " + w.get("dtype").asText());
        };
        int n = Math.toIntExact(count);
        ByteBuffer out = ByteBuffer.allocate(n * (dtype == DataType.DT_BOOL ? 1 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        JsonNode q = w.get("quantization");
        if (q == null) {
            byte[] raw = new byte[out.capacity()];
            buf.get(raw);
            out.put(raw);
        } else {
            String qtype = q.get("dtype").asText();
            double scale = q.path("scale").asDouble(1), min = q.path("min").asDouble(0);
            for (int i = 0; i < n; i++) {
                double v = switch (qtype) {
                    case "uint8" -> (buf.get() & 0xff) * scale + min;
                    case "uint16" -> (buf.getShort() & 0xffff) * scale + min;
                    case "float16" -> Float.float16ToFloat(buf.getShort());
                    default -> throw new UnsupportedOperationException("weight " + name + " has quantization " + qtype);
                };
                switch (dtype) {
                    case DT_FLOAT -> out.putFloat((float) v);
                    case DT_INT32 -> out.putInt((int) Math.round(v));
                    default -> out.put((byte) (v != 0 ? 1 : 0));
                }
            }
        }
        return TensorProto.newBuilder().setDtype(dtype).setTensorShape(shape)
                .setTensorContent(ByteString.copyFrom(out.flip())).build();
    }

    /** TF.js keeps float64/int64 Consts as float32/int32; TensorFlow needs them in the dtype the graph declares. */
    static TensorProto widen(TensorProto t, DataType declared) {
        if (declared == DataType.DT_INVALID || declared == t.getDtype()) return t;
        ByteBuffer src = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int n = src.remaining() / 4;
        ByteBuffer dst = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double v = t.getDtype() == DataType.DT_FLOAT ? src.getFloat() : src.getInt();
            switch (declared) {
                case DT_DOUBLE -> dst.putDouble(v);
                case DT_INT64 -> dst.putLong((long) v);
                default -> throw new UnsupportedOperationException("cannot widen " + t.getDtype() + " to " + declared);
            }
        }
        return t.toBuilder().setDtype(declared).setTensorContent(ByteString.copyFrom(dst.flip())).build();
    }
}
