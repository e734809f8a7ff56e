package org.facesearch.faces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Weight dequantisation and the fused-op rewrite, checked on small hand-made cases (the real models in FacePipelineTest). */
class TfjsGraphConverterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dequantisesUint8Uint16AndFloat16() throws Exception {
        JsonNode u8 = JSON.readTree("{\"name\":\"w\",\"shape\":[3],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"uint8\",\"scale\":0.5,\"min\":-1}}");
        assertArrayEquals(new float[]{-1f, 0f, 126.5f}, floats(TfjsWeights.decode(u8, le(new byte[]{0, 2, (byte) 255}))));

        JsonNode u16 = JSON.readTree("{\"name\":\"w\",\"shape\":[2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"uint16\",\"scale\":0.001,\"min\":0}}");
        ByteBuffer b16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1000).putShort((short) 0xFFFF).flip();
        assertArrayEquals(new float[]{1f, 65.535f}, floats(TfjsWeights.decode(u16, b16)), 1e-5f);

        JsonNode f16 = JSON.readTree("{\"name\":\"w\",\"shape\":[1,2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"float16\"}}");
        ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-0.25f)).flip();
        TensorProto t = TfjsWeights.decode(f16, h);
        assertArrayEquals(new float[]{1.5f, -0.25f}, floats(t));
        assertEquals(2, t.getTensorShape().getDimCount());
    }

    @Test
    void consumesExactlyItsBytesSoTheNextWeightStartsRight() throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putInt(7).putFloat(3f).flip();
        TfjsWeights.decode(JSON.readTree("{\"name\":\"a\",\"shape\":[],\"dtype\":\"float32\"}"), buf);
        TensorProto i = TfjsWeights.decode(JSON.readTree("{\"name\":\"b\",\"shape\":[1],\"dtype\":\"int32\"}"), buf);
        assertEquals(DataType.DT_INT32, i.getDtype());
        assertEquals(7, i.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(4, buf.remaining());
    }

    @Test
    void widensFloat32ConstsToTheDeclaredFloat64() {
        TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorContent(ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.1f).array())).build();
        TensorProto d = TfjsWeights.widen(t, DataType.DT_DOUBLE);
        assertEquals(DataType.DT_DOUBLE, d.getDtype());
        assertEquals(0.1f, d.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getDouble(), 0);
        assertSame(t, TfjsWeights.widen(t, DataType.DT_FLOAT));
    }

    @Test
    void fusedConvExpandsIntoNamedStagesEndingUnderTheOriginalName() {
        NodeDef fused = NodeDef.newBuilder().setName("conv").setOp("_FusedConv2D").addInput("x").addInput("w").addInput("bias")
                .putAttr("fused_ops", strings("BiasAdd", "Relu")).putAttr("num_args", AttrValue.newBuilder().setI(1).build())
                .putAttr("padding", AttrValue.newBuilder().setS(ByteString.copyFromUtf8("SAME")).build())
                .putAttr("explicit_paddings", AttrValue.newBuilder().setList(AttrValue.ListValue.getDefaultInstance()).build())
                .putAttr("strides", AttrValue.newBuilder().setList(AttrValue.ListValue.newBuilder().addAllI(List.of(1L, 2L, 2L, 1L))).build())
                .build();
        List<NodeDef> nodes = TfjsGraphConverter.expandFused(fused, "Conv2D");
        assertEquals(List.of("conv/Conv2D", "conv/BiasAdd", "conv"), nodes.stream().map(NodeDef::getName).toList());
        assertEquals(List.of("Conv2D", "BiasAdd", "Relu"), nodes.stream().map(NodeDef::getOp).toList());
        assertEquals(List.of("x", "w"), nodes.get(0).getInputList());
        assertEquals(List.of("conv/Conv2D", "bias"), nodes.get(1).getInputList());
        assertEquals(List.of("conv/BiasAdd"), nodes.get(2).getInputList());
        assertFalse(nodes.get(0).containsAttr("explicit_paddings"), "only valid with EXPLICIT padding");
        assertFalse(nodes.get(0).containsAttr("fused_ops"));
        assertEquals(4, nodes.get(0).getAttrOrThrow("strides").getList().getICount());
    }

    /** _FusedMatMul with BiasAdd + Prelu, rewritten and run in TensorFlow, equals the formula computed by hand. */
    @Test
    void rewrittenFusedMatMulWithPreluComputesTheSame() {
        GraphDef topology = GraphDef.newBuilder()
                .addNode(NodeDef.newBuilder().setName("x").setOp("Placeholder").putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build()))
                .addNode(constNode("w")).addNode(constNode("b")).addNode(constNode("alpha"))
                .addNode(NodeDef.newBuilder().setName("y").setOp("_FusedMatMul").addInput("x").addInput("w").addInput("b").addInput("alpha")
                        .putAttr("fused_ops", strings("BiasAdd", "Prelu")).putAttr("num_args", AttrValue.newBuilder().setI(2).build())
                        .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                        .putAttr("transpose_a", AttrValue.newBuilder().setB(false).build())
                        .putAttr("transpose_b", AttrValue.newBuilder().setB(false).build()))
                .build();
        float[] w = {1, -2, 0.5f, 3};   // 2x2
        float[] b = {0.25f, -10};
        float[] alpha = {0.1f, 0.5f};
        Map<String, TensorProto> weights = Map.of("w", tensor(w, 2, 2), "b", tensor(b, 2), "alpha", tensor(alpha, 2));
        GraphDef graph = TfjsGraphConverter.rewrite(topology, weights);
        assertTrue(graph.getNodeList().stream().noneMatch(n -> n.getOp().startsWith("_Fused") || n.getOp().equals("Prelu")));

        float[] x = {2, 1};
        try (TfGraphModel model = new TfGraphModel(graph)) {
            float[] y = model.run("x", x, new long[]{1, 2}, "y")[0];
            for (int j = 0; j < 2; j++) {
                float z = x[0] * w[j] + x[1] * w[2 + j] + b[j];
                assertEquals(z > 0 ? z : alpha[j] * z, y[j], 1e-5f, "output " + j);
            }
        }
    }

    private static NodeDef.Builder constNode(String name) {
        return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build());
    }

    private static TensorProto tensor(float[] v, long... shape) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) buf.putFloat(f);
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        return TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(s).setTensorContent(ByteString.copyFrom(buf.flip())).build();
    }

    private static AttrValue strings(String... s) {
        AttrValue.ListValue.Builder l = AttrValue.ListValue.newBuilder();
        for (String x : s) l.addS(ByteString.copyFromUtf8(x));
        return AttrValue.newBuilder().setList(l).build();
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float[] floats(TensorProto t) {
        var fb = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }
}
