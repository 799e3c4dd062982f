package io.homepot.vectorindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homepot.vectorindex.TestPaths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VectorIndexCliTest {

    @Test
    void embedPrintsOneUnitJsonArrayPerInputLine() throws Exception {
        String input = "temperature sensor overheating in server room\nÜberhitzung im Serverraum\n\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = VectorIndexCli.run(new String[] {"embed", "--data-dir", TestPaths.dataDir().toString()},
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        for (String line : lines) {
            assertTrue(line.startsWith("[") && line.endsWith("]"), line);
            String[] parts = line.substring(1, line.length() - 1).split(",");
            assertEquals(384, parts.length);
            double norm = 0;
            for (String p : parts) {
                double x = Double.parseDouble(p);
                norm += x * x;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-4);
        }
        // first component of the reference vector for the first sentence is 0.034728...
        assertEquals(0.0347281, Double.parseDouble(lines[0].substring(1, lines[0].indexOf(','))), 1e-5);
    }

    @Test
    void usageErrorReturnsTwo() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, VectorIndexCli.run(new String[0], new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("usage"));
    }
}
