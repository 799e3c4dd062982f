package io.homepot.appliance.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;

/**
 * Serves the browser UI: the single-page app from the classpath folder {@code web/} at {@code /}, and the
 * chart library from its webjar at {@code /assets/uplot/} ({@code uPlot.iife.min.js}, {@code uPlot.min.css}).
 * Nothing is fetched from the internet: every asset comes from the build.
 *
 * <p>Register after the API routes ({@code routing.register(new WebUi())}); paths the UI does not know fall
 * through to the next handler, so {@code /api/*} is never shadowed. UI responses carry a strict
 * Content-Security-Policy (scripts only from this origin) as a second line of defence behind the UI's
 * text-only rendering of API data.
 */
public final class WebUi implements HttpService {

    /** Classpath folder of the single-page app. */
    public static final String WEB_ROOT = "web";
    /** Where uPlot's {@code dist/} folder is served. */
    public static final String UPLOT_PATH = "/assets/uplot";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final ClassLoader classLoader;
    private final String uplotRoot;

    /** UI served from this class's class loader. */
    public WebUi() {
        this(WebUi.class.getClassLoader());
    }

    /**
     * @param classLoader the loader holding {@code web/} and the uPlot webjar
     */
    public WebUi(ClassLoader classLoader) {
        this.classLoader = classLoader;
        this.uplotRoot = "META-INF/resources/webjars/uplot/" + webjarVersion(classLoader, "uplot") + "/dist";
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/*", this::securityHeaders)
                .register(UPLOT_PATH, StaticContentService.builder(uplotRoot, classLoader).build())
                .register("/", StaticContentService.builder(WEB_ROOT, classLoader)
                        .welcomeFileName("index.html")
                        .build());
    }

    private void securityHeaders(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        if (!path.startsWith("/api/") && !path.startsWith("/observe") && !path.equals("/metrics")) {
            res.header("Content-Security-Policy", CSP);
            res.header("X-Content-Type-Options", "nosniff");
            res.header("Referrer-Policy", "no-referrer");
            // the UI is small and changes with every build: always revalidate (ETag/Last-Modified keep it cheap)
            res.header("Cache-Control", "no-cache");
        }
        res.next();
    }

    /**
     * Version of an {@code org.webjars.npm} webjar on the classpath, read from its Maven descriptor.
     *
     * @throws IllegalStateException when the webjar is missing (a build error)
     */
    static String webjarVersion(ClassLoader loader, String artifact) {
        String descriptor = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(descriptor)) {
            if (in == null) {
                throw new IllegalStateException("webjar " + artifact + " missing from the classpath (" + descriptor + ")");
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
