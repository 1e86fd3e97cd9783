package io.cutover.rehearsal.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A real S3 API server in this process: S3Proxy ({@code org.gaul:s3proxy}) over jclouds' in-memory
 * ("transient") blob store, on 127.0.0.1 and a free port, checking AWS Signature V4 with an access
 * key made up for this server.
 *
 * <p>S3Proxy runs on Jetty 11 and DynamoDB Local on Jetty 12; both cannot be on one class path, so
 * S3Proxy's self-contained jar ({@code target/s3proxy/s3proxy.jar}, copied by the build) is loaded
 * in its own class loader, whose parent is the platform loader: nothing of it is visible to the
 * rest of the rehearsal and nothing of the rehearsal to it. It is driven by reflection (a handful
 * of builder calls), because its types live only in that loader.
 */
public final class LocalS3Server implements AutoCloseable {
    /** Where the build puts S3Proxy's jar, relative to the rehearsal's classes or jar. */
    static final String JAR = "s3proxy/s3proxy.jar";

    private final URLClassLoader loader;
    private final Object proxy;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private LocalS3Server(URLClassLoader loader, Object proxy, URI endpoint, String accessKey, String secretKey) {
        this.loader = loader;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts S3Proxy on a free port of 127.0.0.1. */
    public static LocalS3Server start() {
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        String accessKey = "LOCAL" + hex.formatHex(random.generateSeed(6)).toUpperCase();
        String secretKey = hex.formatHex(random.generateSeed(20));
        URLClassLoader loader = new URLClassLoader("s3proxy", new URL[]{jarUrl()}, ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // jclouds finds its providers through the context class loader; Jetty's threads inherit it.
        thread.setContextClassLoader(loader);
        try {
            quietLogging(loader);
            Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
            Class<?> blobStoreContext = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
            Object context = contextBuilder.getMethod("build", Class.class)
                    .invoke(contextBuilder.getMethod("newBuilder", String.class).invoke(null, "transient"), blobStoreContext);
            Object blobStore = blobStoreContext.getMethod("getBlobStore").invoke(context);

            Class<?> s3Proxy = loader.loadClass("org.gaul.s3proxy.S3Proxy");
            Class<?> authType = loader.loadClass("org.gaul.s3proxy.AuthenticationType");
            Class<?> builderType = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
            Object builder = s3Proxy.getMethod("builder").invoke(null);
            builderType.getMethod("blobStore", loader.loadClass("org.jclouds.blobstore.BlobStore")).invoke(builder, blobStore);
            builderType.getMethod("endpoint", URI.class).invoke(builder, new URI("http://127.0.0.1:0"));
            builderType.getMethod("awsAuthentication", authType, String.class, String.class)
                    .invoke(builder, enumValue(authType, "AWS_V2_OR_V4"), accessKey, secretKey);
            Object proxy = builderType.getMethod("build").invoke(builder);
            s3Proxy.getMethod("start").invoke(proxy);
            waitStarted(s3Proxy, proxy);
            int port = (int) s3Proxy.getMethod("getPort").invoke(proxy);
            return new LocalS3Server(loader, proxy, URI.create("http://127.0.0.1:" + port), accessKey, secretKey);
        } catch (ReflectiveOperationException | URISyntaxException e) {
            throw new IllegalStateException("S3Proxy did not start: " + cause(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * An SDK v2 S3 client for this server: endpoint override, path-style addressing (no bucket
     * DNS names locally), this server's key, and checksums only where S3 requires them (S3Proxy
     * 2.6 does not take the SDK's default trailing checksums).
     */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            proxy.getClass().getMethod("stop").invoke(proxy);
            loader.close();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop: " + cause(e), e);
        }
    }

    private static URL jarUrl() {
        try {
            Path classes = Path.of(LocalS3Server.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/classes (tests) or target/rehearsal.jar (the commands): the jar is in target/s3proxy.
            Path jar = classes.getParent().resolve(JAR);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no " + jar + ": build the rehearsal module (mvn -pl rehearsal -am package)");
            }
            return jar.toUri().toURL();
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * S3Proxy's logback (in its jar, so only in its loader) logs Jetty and every request at INFO to
     * stdout, and dumps its own configuration status; the rehearsal prints its own report. Its
     * status listener is read from a system property while it configures itself: set for that
     * moment only.
     */
    private static void quietLogging(ClassLoader loader) throws ReflectiveOperationException {
        String property = "logback.statusListenerClass";
        String before = System.getProperty(property);
        System.setProperty(property, "ch.qos.logback.core.status.NopStatusListener");
        Object context;
        try {
            context = loader.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
        } finally {
            if (before == null) System.clearProperty(property);
            else System.setProperty(property, before);
        }
        Class<?> level = loader.loadClass("ch.qos.logback.classic.Level");
        Object warn = level.getField("WARN").get(null);
        for (String name : new String[]{"ROOT", "org.eclipse.jetty", "org.gaul.shaded.org.eclipse.jetty"}) {
            Object logger = context.getClass().getMethod("getLogger", String.class).invoke(context, name);
            logger.getClass().getMethod("setLevel", level).invoke(logger, warn);
        }
    }

    private static void waitStarted(Class<?> s3Proxy, Object proxy) throws ReflectiveOperationException {
        Method state = s3Proxy.getMethod("getState");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(state.invoke(proxy))) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("S3Proxy not started after 30 s: " + state.invoke(proxy));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static String cause(Exception e) {
        Throwable t = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
        return t.toString();
    }
}
