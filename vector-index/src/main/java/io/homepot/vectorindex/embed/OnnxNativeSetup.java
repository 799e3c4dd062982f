package io.homepot.vectorindex.embed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts ONNX Runtime's native libraries under the data directory instead of {@code java.io.tmpdir}.
 *
 * <p>The onnxruntime jar bundles {@code ai/onnxruntime/native/<os>-<arch>/libonnxruntime.so} and
 * {@code libonnxruntime4j_jni.so}; by default ORT copies them into a fresh temporary directory on
 * every start. Before ORT's first class initialisation this copies them once to
 * {@code <dataDir>/native/onnxruntime-<version>-<os>-<arch>/} (temp file + atomic rename, skipped
 * when a file of the same size is already there) and sets the system property
 * {@code onnxruntime.native.path}, which ORT honours. A property already set by the operator wins.
 * If extraction fails, ORT's default applies and a warning is logged. (ORT still creates and
 * deletes an empty scratch directory in {@code java.io.tmpdir} while loading.)
 */
final class OnnxNativeSetup {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxNativeSetup.class);
    static final String PROPERTY = "onnxruntime.native.path";
    private static final String[] LIBS = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};

    private OnnxNativeSetup() {
    }

    /** Extracts (if needed) and points ORT at the extracted directory; returns it, or null. */
    static synchronized Path apply(Path dataDir) {
        String preset = System.getProperty(PROPERTY);
        if (preset != null && !preset.isEmpty()) {
            return Path.of(preset);
        }
        String platform = platform();
        if (platform == null) {
            LOG.info("ONNX Runtime native library: no bundled build for {}/{}, using ORT's default loading",
                    System.getProperty("os.name"), System.getProperty("os.arch"));
            return null;
        }
        // a class literal does not initialise ORT; the jar manifest carries its version
        String version = String.valueOf(ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion());
        Path dir = dataDir.resolve("native").resolve("onnxruntime-" + version + "-" + platform).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            for (String lib : LIBS) {
                extract("ai/onnxruntime/native/" + platform + "/" + lib, dir.resolve(lib));
            }
            System.setProperty(PROPERTY, dir.toString());
            return dir;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot place ONNX Runtime native libraries in {} ({}); ORT extracts them to java.io.tmpdir",
                    dir, e.toString());
            return null;
        }
    }

    private static void extract(String resource, Path target) throws IOException {
        URL url = OnnxNativeSetup.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IOException("resource " + resource + " not on the classpath");
        }
        URLConnection c = url.openConnection();
        long size = c.getContentLengthLong();
        if (size > 0 && Files.isRegularFile(target) && Files.size(target) == size) {
            return;
        }
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try (InputStream in = c.getInputStream()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("extracted {} to {}", resource, target);
    }

    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || System.getProperty("java.vendor", "").contains("Android")) {
            return null;
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64" -> "linux-aarch64";
            default -> null;
        };
    }
}
