package io.cutover.aws;

import io.cutover.migrate.s3.S3Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link S3Objects} with the SDK v2 S3 client: real S3 on AWS, S3Proxy in the rehearsal (the same
 * class, the client built with an endpoint override and path-style addressing).
 */
public final class S3ObjectStore implements S3Objects {
    static final String SERVICE = "S3";

    private final Supplier<S3Client> client;

    public S3ObjectStore(S3Client s3) {
        this(() -> s3);
    }

    /** The client asked for on first use: only the steps that read S3 build one (AwsClients.s3 is lazy). */
    public S3ObjectStore(Supplier<S3Client> client) {
        this.client = client;
    }

    /** ListObjectsV2, every page (1000 keys each), in key order as S3 returns them. */
    @Override
    public List<StoredObject> list(String bucket, String prefix) {
        try {
            return client.get().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(o -> new StoredObject(o.key(), o.size() == null ? 0 : o.size()))
                    .toList();
        } catch (SdkException e) {
            throw AwsCallException.of(SERVICE, "ListObjectsV2", e);
        }
    }

    @Override
    public InputStream open(String bucket, String key) {
        try {
            return client.get().getObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw AwsCallException.of(SERVICE, "GetObject", e);
        }
    }
}
