package io.cutover.migrate.s3;

import java.io.InputStream;
import java.util.List;

/** Port: the objects a DMS S3 target endpoint wrote (S3 on AWS; S3Proxy in the rehearsal). */
public interface S3Objects {

    /** One stored object. */
    record StoredObject(String key, long size) {
    }

    /** Every object whose key starts with {@code prefix}, in key order. */
    List<StoredObject> list(String bucket, String prefix);

    /** The object's bytes, streamed; the caller closes the stream. */
    InputStream open(String bucket, String key);
}
