package io.homepot.vectorindex.embed;

import io.homepot.vectorindex.embed.ProtoWire.Field;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the self-attention blocks of a BERT graph exported by PyTorch into ONNX Runtime's fused
 * {@code com.microsoft.Attention} operator, which ORT's own optimiser does not do for this export.
 *
 * <p>Per layer the pattern {@code x → MatMul+Add (Q, K, V) → Reshape → Transpose → MatMul(Q,Kᵀ) →
 * Div(√head) → Add(mask) → Softmax → MatMul(·,V) → Transpose → Reshape} (plus its shape-computing
 * side nodes) becomes one {@code Attention(x, [Wq|Wk|Wv], [bq|bk|bv], mask)} node with the same
 * arithmetic (scale 1/√head, masked positions excluded). The raw {@code attention_mask} is passed
 * as int32. Nodes no longer needed are removed. The position-ids slice gets its shape
 * {@code [1, sequence_length]} declared, so that ORT can also fuse residual Add + LayerNorm into
 * {@code SkipLayerNormalization}. The model's inputs, outputs and results are unchanged
 * (checked by {@code ReferenceEmbeddingTest}).
 *
 * <p>The rewrite is all-or-nothing: if any Softmax is not part of the expected pattern (e.g. the
 * int8 graph), {@link #fuse} returns 0 and writes nothing. Reads the source memory-mapped; the
 * output is written with gathering writes, so the heap holds only the concatenated Q/K/V weights.
 */
final class AttentionFuser {

    private static final String MASK = "homepot_attention_mask_int32";

    private final OnnxGraph g;
    /** Attention blocks fused so far. */
    private int fused;

    private AttentionFuser(OnnxGraph g) {
        this.g = g;
    }

    /**
     * Writes the fused model of {@code source} to {@code target}.
     *
     * @return the number of attention blocks fused; 0 means the pattern was not found and
     *         {@code target} was not written
     */
    static int fuse(Path source, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
            ByteBuffer model = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            List<Field> top = ProtoWire.fields(model);
            Field graph = top.stream().filter(f -> f.number() == 7).findFirst()
                    .orElseThrow(() -> new IOException("no graph in " + source));
            List<Field> graphFields = ProtoWire.fields(graph.value());
            AttentionFuser f = new AttentionFuser(OnnxGraph.parse(graphFields));
            List<ByteBuffer> graphOut = f.rewrite(graphFields);
            if (graphOut == null) {
                return 0;
            }
            long graphLen = graphOut.stream().mapToLong(ByteBuffer::remaining).sum();
            List<ByteBuffer> out = new ArrayList<>();
            for (Field t : top) {
                if (t.number() == 7) {
                    out.add(ByteBuffer.wrap(ProtoWire.lengthPrefix(7, graphLen)));
                    out.addAll(graphOut);
                } else {
                    out.add(t.whole());
                }
            }
            boolean hasMsDomain = top.stream().anyMatch(t -> t.number() == 8 && ProtoWire.fields(t.value()).stream()
                    .anyMatch(x -> x.number() == 1 && x.string().equals("com.microsoft")));
            if (!hasMsDomain) {
                out.add(ByteBuffer.wrap(new ProtoWire.Writer().message(8,
                        new ProtoWire.Writer().string(1, "com.microsoft").varint(2, 1)).toByteArray()));
            }
            try (FileChannel w = FileChannel.open(target, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer[] bufs = out.stream().map(ByteBuffer::duplicate).toArray(ByteBuffer[]::new);
                long total = out.stream().mapToLong(ByteBuffer::remaining).sum();
                for (long written = 0; written < total; ) {
                    written += w.write(bufs);
                }
                w.force(true);
            }
            return f.fused;
        }
    }

    /** The new graph message body, or null if the pattern is not found everywhere. */
    private List<ByteBuffer> rewrite(List<Field> graphFields) {
        Set<Integer> removed = new HashSet<>();
        Map<Integer, byte[]> replacement = new HashMap<>();
        List<byte[]> newInits = new ArrayList<>();
        for (int i = 0; i < g.nodes.size(); i++) {
            if (g.nodes.get(i).op().equals("Softmax") && !fuseAt(i, removed, replacement, newInits)) {
                return null;
            }
        }
        if (fused == 0) {
            return null;
        }
        List<ByteBuffer> nodeBytes = new ArrayList<>();
        List<List<String>> nodeInputs = new ArrayList<>();
        List<List<String>> nodeOutputs = new ArrayList<>();
        byte[] cast = OnnxGraph.node("Cast", List.of("attention_mask"), List.of(MASK), "homepot_mask_int32", "",
                new ProtoWire.Writer().string(1, "to").varint(3, 6).varint(20, 2));
        nodeBytes.add(ByteBuffer.wrap(cast));
        nodeInputs.add(List.of("attention_mask"));
        nodeOutputs.add(List.of(MASK));
        for (int i = 0; i < g.nodes.size(); i++) {
            OnnxGraph.Node n = g.nodes.get(i);
            if (replacement.containsKey(i)) {
                nodeBytes.add(ByteBuffer.wrap(replacement.get(i)));
                nodeInputs.add(ProtoWire.fields(ByteBuffer.wrap(replacement.get(i))).stream()
                        .filter(x -> x.number() == 1).map(Field::string).toList());
                nodeOutputs.add(n.out().subList(0, 1));
            } else if (!removed.contains(i)) {
                nodeBytes.add(n.raw().value());
                nodeInputs.add(n.in());
                nodeOutputs.add(n.out());
            }
        }
        // dead-code elimination from the graph outputs
        Set<String> needed = new HashSet<>();
        for (Field gf : graphFields) {
            if (gf.number() == 12) {
                ProtoWire.fields(gf.value()).stream().filter(x -> x.number() == 1).forEach(x -> needed.add(x.string()));
            }
        }
        boolean[] keep = new boolean[nodeBytes.size()];
        for (int i = nodeBytes.size() - 1; i >= 0; i--) {
            if (nodeOutputs.get(i).stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(nodeInputs.get(i));
            }
        }
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < nodeBytes.size(); i++) {
            if (keep[i]) {
                out.add(ByteBuffer.wrap(ProtoWire.lengthPrefix(1, nodeBytes.get(i).remaining())));
                out.add(nodeBytes.get(i));
            }
        }
        for (Field gf : graphFields) {
            if (gf.number() == 1) {
                continue;
            }
            if (gf.number() == 5 && !needed.contains(OnnxGraph.initName(gf))) {
                continue;
            }
            out.add(gf.whole());
        }
        for (byte[] t : newInits) {
            out.add(ByteBuffer.wrap(ProtoWire.lengthPrefix(5, t.length)));
            out.add(ByteBuffer.wrap(t));
        }
        byte[] positionShape = positionSliceShape();
        if (positionShape != null) {
            out.add(ByteBuffer.wrap(positionShape));
        }
        return out;
    }

    /** Matches the attention block around Softmax {@code s}; records what to remove and add. */
    private boolean fuseAt(int s, Set<Integer> removed, Map<Integer, byte[]> replacement, List<byte[]> newInits) {
        OnnxGraph.Node softmax = g.nodes.get(s);
        OnnxGraph.Node add = g.producerOf(softmax.in().get(0), "Add");
        if (add == null) {
            return false;
        }
        OnnxGraph.Node div = null;
        String mask = null;
        for (String x : add.in()) {
            OnnxGraph.Node p = g.producerOf(x, "Div");
            if (p != null) {
                div = p;
            } else {
                mask = x;
            }
        }
        OnnxGraph.Node qk = div == null ? null : g.producerOf(div.in().get(0), "MatMul");
        List<Integer> pv = g.consumers.getOrDefault(softmax.out().get(0), List.of());
        OnnxGraph.Node probsV = pv.size() == 1 && g.nodes.get(pv.get(0)).op().equals("MatMul")
                ? g.nodes.get(pv.get(0)) : null;
        if (qk == null || probsV == null || mask == null || !g.reachesOnly(mask, "attention_mask")) {
            return false;
        }
        Projection q = projection(qk.in().get(0), List.of(0L, 2L, 1L, 3L));
        Projection k = projection(qk.in().get(1), List.of(0L, 2L, 3L, 1L));
        Projection v = projection(probsV.in().get(1), List.of(0L, 2L, 1L, 3L));
        OnnxGraph.Node ctxT = g.single(probsV.out().get(0), "Transpose");
        OnnxGraph.Node ctx = ctxT == null ? null : g.single(ctxT.out().get(0), "Reshape");
        if (q == null || k == null || v == null || ctx == null || !q.x().equals(k.x()) || !q.x().equals(v.x())
                || !List.of(0L, 2L, 1L, 3L).equals(OnnxGraph.ints(ctxT, "perm"))) {
            return false;
        }
        long hidden = q.w().dims().get(0);
        Float scale = g.scalar(div.in().get(1));
        if (scale == null) {
            return false;
        }
        long head = Math.round(scale * scale);
        if (head <= 0 || hidden % head != 0 || Math.abs(scale * scale - head) > 1e-3) {
            return false;
        }
        String base = "homepot_attention_" + fused;
        newInits.add(OnnxGraph.tensor(base + "_qkv_weight", List.of(hidden, 3 * hidden),
                concatColumns(q, k, v, (int) hidden)));
        newInits.add(OnnxGraph.tensor(base + "_qkv_bias", List.of(3 * hidden), concat(q.b(), k.b(), v.b())));
        for (OnnxGraph.Node n : List.of(add, div, qk, softmax, probsV, ctxT, ctx)) {
            removed.add(g.producer.get(n.out().get(0)));
        }
        for (Projection p : List.of(q, k, v)) {
            removed.addAll(p.nodes());
        }
        int at = g.producer.get(ctx.out().get(0));
        replacement.put(at, OnnxGraph.node("Attention", List.of(q.x(), base + "_qkv_weight", base + "_qkv_bias", MASK),
                ctx.out().subList(0, 1), base, "com.microsoft",
                new ProtoWire.Writer().string(1, "num_heads").varint(3, hidden / head).varint(20, 2)));
        fused++;
        return true;
    }

    private record Projection(String x, OnnxGraph.Tensor w, ByteBuffer b, List<Integer> nodes) {
    }

    /** {@code Transpose(perm) ← Reshape ← Add(bias, MatMul(x, W))} ending in tensor {@code name}. */
    private Projection projection(String name, List<Long> perm) {
        OnnxGraph.Node t = g.producerOf(name, "Transpose");
        OnnxGraph.Node r = t == null ? null : g.producerOf(t.in().get(0), "Reshape");
        OnnxGraph.Node a = r == null ? null : g.producerOf(r.in().get(0), "Add");
        if (a == null || !perm.equals(OnnxGraph.ints(t, "perm"))) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            OnnxGraph.Node mm = g.producerOf(a.in().get(side), "MatMul");
            OnnxGraph.Tensor bias = g.inits.get(a.in().get(1 - side));
            OnnxGraph.Tensor w = mm == null ? null : g.inits.get(mm.in().get(1));
            if (w != null && bias != null && w.dataType() == 1 && bias.dataType() == 1 && w.raw() != null
                    && bias.raw() != null && w.dims().size() == 2 && w.dims().get(0).equals(w.dims().get(1))
                    && bias.raw().remaining() == w.dims().get(1) * 4) {
                return new Projection(mm.in().get(0), w, bias.raw(), List.of(g.producer.get(name),
                        g.producer.get(t.in().get(0)), g.producer.get(r.in().get(0)),
                        g.producer.get(a.in().get(side))));
            }
        }
        return null;
    }

    private static byte[] concatColumns(Projection q, Projection k, Projection v, int h) {
        ByteBuffer out = ByteBuffer.allocate(3 * h * h * 4);
        for (int row = 0; row < h; row++) {
            for (Projection p : List.of(q, k, v)) {
                out.put(p.w().raw().slice(row * h * 4, h * 4));
            }
        }
        return out.array();
    }

    private static byte[] concat(ByteBuffer... parts) {
        ByteBuffer out = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(ByteBuffer::remaining).sum());
        for (ByteBuffer p : parts) {
            out.put(p.duplicate());
        }
        return out.array();
    }

    /**
     * {@code value_info} declaring the position-ids Slice (the only Slice whose data is an
     * initializer {@code [1, N]}) as {@code [1, <sequence dim of input_ids>]}, or null.
     */
    private byte[] positionSliceShape() {
        String seqDim = g.sequenceDim;
        if (seqDim == null) {
            return null;
        }
        List<OnnxGraph.Node> slices = g.nodes.stream().filter(n -> n.op().equals("Slice")
                && g.inits.containsKey(n.in().get(0)) && g.inits.get(n.in().get(0)).dims().size() == 2
                && g.inits.get(n.in().get(0)).dims().get(0) == 1).toList();
        if (slices.size() != 1) {
            return null;
        }
        ProtoWire.Writer shape = new ProtoWire.Writer()
                .message(1, new ProtoWire.Writer().varint(1, 1))
                .message(1, new ProtoWire.Writer().string(2, seqDim));
        ProtoWire.Writer type = new ProtoWire.Writer().message(1, new ProtoWire.Writer()
                .varint(1, g.inits.get(slices.get(0).in().get(0)).dataType()).message(2, shape));
        byte[] vi = new ProtoWire.Writer().string(1, slices.get(0).out().get(0)).message(2, type).toByteArray();
        return new ProtoWire.Writer().bytes(13, vi).toByteArray();
    }
}
