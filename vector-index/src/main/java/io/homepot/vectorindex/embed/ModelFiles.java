package io.homepot.vectorindex.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates the ONNX graph and tokenizer JSON of a {@link ModelVariant}.
 *
 * <p>Order: an explicit {@link EmbedderConfig#modelDir()}; else the classpath resource under
 * {@code /homepot/models/} used in place when it is a plain file (exploded build output); else
 * the resource extracted once from the jar into {@code <dataDir>/models/} (write to a temp file,
 * then atomic rename, so a crash never leaves a truncated model behind).
 *
 * @param onnx      path of the ONNX graph
 * @param tokenizer path of the tokenizer JSON
 */
record ModelFiles(Path onnx, Path tokenizer) {

    private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

    static ModelFiles resolve(EmbedderConfig config) {
        ModelVariant v = config.variant();
        if (config.modelDir() != null) {
            return new ModelFiles(existing(config.modelDir().resolve(v.onnxFileName())),
                    existing(config.modelDir().resolve(v.tokenizerFileName())));
        }
        Path target = config.dataDir().resolve("models");
        return new ModelFiles(fromClasspath(v.onnxFileName(), target),
                fromClasspath(v.tokenizerFileName(), target));
    }

    private static Path existing(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("model file missing: " + p);
        }
        return p;
    }

    private static Path fromClasspath(String fileName, Path targetDir) {
        String resource = ModelVariant.RESOURCE_DIR + fileName;
        URL url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("model resource not on classpath: " + resource
                    + " (was the module built with mvn package?)");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            long expected = url.openConnection().getContentLengthLong();
            Path target = targetDir.resolve(fileName);
            if (Files.isRegularFile(target) && (expected < 0 || Files.size(target) == expected)) {
                return target;
            }
            Files.createDirectories(targetDir);
            Path tmp = Files.createTempFile(targetDir, fileName, ".tmp");
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            LOG.info("extracted model file {} to {}", resource, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
