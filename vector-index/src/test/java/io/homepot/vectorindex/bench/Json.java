package io.homepot.vectorindex.bench;

import java.util.List;
import java.util.Map;

/** Tiny pretty JSON writer for benchmark results (maps, lists, numbers, strings). */
final class Json {

    private Json() {
    }

    /** Already serialised JSON, inserted as it is (e.g. a child process's result). */
    record Raw(String json) {
    }

    static String write(Object o) {
        StringBuilder sb = new StringBuilder();
        write(o, sb, "");
        return sb.toString();
    }

    private static void write(Object o, StringBuilder sb, String indent) {
        if (o instanceof Map<?, ?> m) {
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(indent).append("  \"").append(e.getKey()).append("\": ");
                write(e.getValue(), sb, indent + "  ");
                sb.append(++i < m.size() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (o instanceof List<?> l) {
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                sb.append(indent).append("  ");
                write(l.get(i), sb, indent + "  ");
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else if (o instanceof Raw r) {
            sb.append(r.json().strip().replace("\n", "\n" + indent));
        } else if (o instanceof Number || o instanceof Boolean) {
            sb.append(o);
        } else {
            sb.append('"').append(String.valueOf(o).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
    }
}
