package io.homepot.vectorindex.embed;

import io.homepot.vectorindex.embed.ProtoWire.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only index of an ONNX GraphProto for {@link AttentionFuser}: nodes (inputs, outputs,
 * operator, attributes), float/int initializers, which node produces and which consume each tensor,
 * the graph inputs; plus encoders for new nodes and tensors. Field numbers are those of
 * {@code onnx.proto} (GraphProto node=1, initializer=5, input=11, output=12, value_info=13; NodeProto
 * input=1, output=2, name=3, op_type=4, attribute=5, domain=7; TensorProto dims=1, data_type=2,
 * name=8, raw_data=9; AttributeProto name=1, f=2, i=3, t=5, ints=8, type=20).
 */
final class OnnxGraph {

    /** A node; {@code raw} is its GraphProto field, to copy it unchanged. */
    record Node(Field raw, List<String> in, List<String> out, String op, Map<String, Field> attrs) {
    }

    /** An initializer: dims, ONNX data type (1 = float, 7 = int64), raw_data (null if stored otherwise). */
    record Tensor(List<Long> dims, int dataType, ByteBuffer raw) {
    }

    final List<Node> nodes = new ArrayList<>();
    final Map<String, Tensor> inits = new HashMap<>();
    final Map<String, Integer> producer = new HashMap<>();
    final Map<String, List<Integer>> consumers = new HashMap<>();
    final Set<String> graphInputs = new HashSet<>();

    /** Symbolic name of the sequence dimension of {@code input_ids}, or null. */
    String sequenceDim;

    /** dim_param of dimension {@code index} of a ValueInfoProto's tensor type, or null. */
    static String dimParam(List<Field> valueInfo, int index) {
        for (Field type : valueInfo) {
            if (type.number() != 2) {
                continue;
            }
            for (Field tensor : ProtoWire.fields(type.value())) {
                for (Field shape : tensor.number() == 1 ? ProtoWire.fields(tensor.value()) : List.<Field>of()) {
                    if (shape.number() != 2) {
                        continue;
                    }
                    List<Field> dims = ProtoWire.fields(shape.value()).stream().filter(d -> d.number() == 1).toList();
                    if (dims.size() > index) {
                        return ProtoWire.fields(dims.get(index).value()).stream().filter(d -> d.number() == 2)
                                .findFirst().map(Field::string).orElse(null);
                    }
                }
            }
        }
        return null;
    }

    private OnnxGraph() {
    }

    /** Indexes the fields of a GraphProto (payloads stay slices of the input). */
    static OnnxGraph parse(List<Field> graphFields) {
        OnnxGraph g = new OnnxGraph();
        g.index(graphFields);
        return g;
    }

    private void index(List<Field> graphFields) {
        for (Field gf : graphFields) {
            if (gf.number() == 1) {
                List<String> in = new ArrayList<>();
                List<String> out = new ArrayList<>();
                String op = "";
                Map<String, Field> attrs = new HashMap<>();
                for (Field nf : ProtoWire.fields(gf.value())) {
                    switch (nf.number()) {
                        case 1 -> in.add(nf.string());
                        case 2 -> out.add(nf.string());
                        case 4 -> op = nf.string();
                        case 5 -> attrs.put(ProtoWire.fields(nf.value()).stream().filter(a -> a.number() == 1)
                                .findFirst().map(Field::string).orElse(""), nf);
                        default -> { }
                    }
                }
                int i = nodes.size();
                nodes.add(new Node(gf, in, out, op, attrs));
                out.forEach(o -> producer.put(o, i));
                in.forEach(x -> consumers.computeIfAbsent(x, k -> new ArrayList<>()).add(i));
            } else if (gf.number() == 5) {
                String name = null;
                List<Long> dims = new ArrayList<>();
                int type = 0;
                ByteBuffer raw = null;
                for (Field tf : ProtoWire.fields(gf.value())) {
                    switch (tf.number()) {
                        case 1 -> dims.add(tf.varint());
                        case 2 -> type = (int) tf.varint();
                        case 8 -> name = tf.string();
                        case 9 -> raw = tf.value();
                        default -> { }
                    }
                }
                inits.put(name, new Tensor(dims, type, raw));
            } else if (gf.number() == 11) {
                List<Field> vi = ProtoWire.fields(gf.value());
                String name = vi.stream().filter(x -> x.number() == 1).findFirst().map(Field::string).orElse("");
                graphInputs.add(name);
                if (name.equals("input_ids")) {
                    sequenceDim = dimParam(vi, 1);
                }
            }
        }
    }

    Node producerOf(String tensor, String op) {
        Integer i = producer.get(tensor);
        return i != null && nodes.get(i).op().equals(op) ? nodes.get(i) : null;
    }

    /** The consumer of {@code tensor} with operator {@code op}, if there is exactly one such. */
    Node single(String tensor, String op) {
        List<Node> c = consumers.getOrDefault(tensor, List.of()).stream().map(nodes::get)
                .filter(n -> n.op().equals(op)).toList();
        return c.size() == 1 ? c.get(0) : null;
    }

    /** True if every graph input that {@code tensor} depends on is {@code input} (and it does). */
    boolean reachesOnly(String tensor, String input) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(tensor));
        boolean found = false;
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (graphInputs.contains(t) && !inits.containsKey(t)) {
                if (!t.equals(input)) {
                    return false;
                }
                found = true;
            }
            Integer p = producer.get(t);
            if (p != null) {
                todo.addAll(nodes.get(p).in());
            }
        }
        return found;
    }

    static List<Long> ints(Node n, String attr) {
        Field a = n.attrs().get(attr);
        if (a == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (Field f : ProtoWire.fields(a.value())) {
            if (f.number() == 8 && f.type() == ProtoWire.VARINT) {
                out.add(f.varint());
            } else if (f.number() == 8) {
                ByteBuffer b = f.value().duplicate();
                while (b.hasRemaining()) {
                    out.add(ProtoWire.readVarint(b));
                }
            }
        }
        return out;
    }

    /** A float scalar from a Constant node or an initializer, or null. */
    Float scalar(String name) {
        Tensor t = inits.get(name);
        ByteBuffer raw = t == null ? null : t.raw();
        Node c = producerOf(name, "Constant");
        if (c != null && c.attrs().containsKey("value")) {
            for (Field f : ProtoWire.fields(c.attrs().get("value").value())) {
                if (f.number() == 5) {
                    for (Field tf : ProtoWire.fields(f.value())) {
                        if ((tf.number() == 9 || tf.number() == 4) && tf.value() != null) {
                            raw = tf.value();
                        }
                    }
                }
            }
        }
        return raw != null && raw.remaining() == 4 ? raw.duplicate().order(ByteOrder.LITTLE_ENDIAN).getFloat() : null;
    }

    static byte[] tensor(String name, List<Long> dims, byte[] raw) {
        ProtoWire.Writer w = new ProtoWire.Writer();
        dims.forEach(d -> w.varint(1, d));
        return w.varint(2, 1).string(8, name).bytes(9, raw).toByteArray();
    }

    static byte[] node(String op, List<String> in, List<String> out, String name, String domain,
                               ProtoWire.Writer attr) {
        ProtoWire.Writer w = new ProtoWire.Writer();
        in.forEach(x -> w.string(1, x));
        out.forEach(x -> w.string(2, x));
        w.string(3, name).string(4, op).message(5, attr);
        if (!domain.isEmpty()) {
            w.string(7, domain);
        }
        return w.toByteArray();
    }

    static String initName(Field initializer) {
        return ProtoWire.fields(initializer.value()).stream().filter(f -> f.number() == 8).findFirst()
                .map(Field::string).orElse("");
    }
}
