package io.comply360.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import io.comply360.document.config.DocumentConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The bucket of originals and derived artefacts. Blocking (the SDK's sync client, see the README): call it through
 * {@code BlockingCalls}, never inside a transaction. Every call is bounded by the client's timeouts and the SDK's
 * own bounded retries; a breaker stops calling a store that keeps failing (a missing key does not count).
 */
@ApplicationScoped
@CircuitBreaker(
        requestVolumeThreshold = 10,
        failureRatio = 0.5,
        delay = 10000,
        skipOn = {NoSuchKeyException.class, ObjectStore.TooLarge.class})
public class ObjectStore {

    /** An object is larger than the reader allows. */
    public static final class TooLarge extends RuntimeException {
        public TooLarge(long size) {
            super("object of " + size + " bytes", null, false, false);
        }
    }

    /** What a client sends to a presigned URL: the URL, the method, and the headers it must send as signed. */
    public record Presigned(URI url, String method, Map<String, List<String>> headers) {}

    private final S3Client s3;
    private final S3Presigner presigner;
    private final DocumentConfig config;
    private final String bucket;
    private final long partSize;

    public ObjectStore(
            S3Client s3,
            DocumentConfig config,
            @ConfigProperty(name = "quarkus.s3.endpoint-override") Optional<URI> endpoint,
            @ConfigProperty(name = "quarkus.s3.aws.region") String region,
            @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.access-key-id") String accessKey,
            @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.secret-access-key") String secretKey) {
        this.s3 = s3;
        this.config = config;
        this.bucket = config.bucket();
        this.partSize = Math.max(5L * 1024 * 1024, config.multipartPartSize().asLongValue());
        // Presigned URLs are used by clients: they name the endpoint clients reach, which may not be ours.
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build());
        Optional<URI> publicUrl = config.publicS3Url().map(URI::create).or(() -> endpoint);
        publicUrl.ifPresent(builder::endpointOverride);
        this.presigner = builder.build();
    }

    void createBucket(@jakarta.enterprise.event.Observes StartupEvent ignored) {
        if (!config.createBucket()) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
            Log.infof("Created bucket %s", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
            Log.infof("Created bucket %s", bucket);
        } catch (RuntimeException e) {
            Log.warnf(
                    "Bucket %s could not be checked at start (%s); uploads fail until S3 answers",
                    bucket, e.toString());
        }
    }

    @PreDestroy
    void close() {
        presigner.close();
    }

    /** Stores {@code file} under {@code key}, as a multipart upload when it is larger than one part. */
    public void put(String key, Path file, String contentType) {
        long size = size(file);
        if (size <= partSize) {
            s3.putObject(
                    p -> p.bucket(bucket).key(key).contentType(contentType).contentLength(size),
                    RequestBody.fromFile(file));
            return;
        }
        String uploadId = s3.createMultipartUpload(
                        c -> c.bucket(bucket).key(key).contentType(contentType))
                .uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            long left = size;
            int number = 1;
            while (left > 0) {
                long length = Math.min(partSize, left);
                int partNumber = number;
                byte[] part = in.readNBytes((int) length);
                String etag = s3.uploadPart(
                                u -> u.bucket(bucket)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(partNumber)
                                        .contentLength(length),
                                RequestBody.fromBytes(part))
                        .eTag();
                parts.add(CompletedPart.builder()
                        .partNumber(partNumber)
                        .eTag(etag)
                        .build());
                left -= length;
                number++;
            }
            s3.completeMultipartUpload(
                    c -> c.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    public void putText(String key, String text) {
        s3.putObject(
                p -> p.bucket(bucket).key(key).contentType("text/plain; charset=utf-8"),
                RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    public String getText(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    /** The object's size and type, or empty when there is none. */
    public Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(h -> h.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Downloads {@code key} to {@code target}, refusing an object larger than {@code maxBytes}. */
    public void download(String key, Path target, long maxBytes) {
        HeadObjectResponse head = head(key)
                .orElseThrow(() -> NoSuchKeyException.builder().message(key).build());
        if (head.contentLength() > maxBytes) {
            throw new TooLarge(head.contentLength());
        }
        s3.getObject(g -> g.bucket(bucket).key(key), ResponseTransformer.toFile(tempTwin(target)));
        try {
            Files.move(tempTwin(target), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code key}; deleting what is not there is not an error. */
    public void delete(String key) {
        s3.deleteObject(d -> d.bucket(bucket).key(key));
    }

    /** A PUT of exactly {@code length} bytes of {@code contentType} to {@code key}, both signed. */
    public Presigned presignPut(String key, String contentType, long length, Duration ttl) {
        var request = presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(
                        o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(length)));
        return new Presigned(URI.create(request.url().toString()), "PUT", request.signedHeaders());
    }

    /** A GET of {@code key} that a browser saves as {@code fileName} (never renders inline). */
    public URI presignGet(String key, String fileName, String contentType, Duration ttl) {
        String disposition = "attachment; filename=\"" + fileName.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "_")
                + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        var request = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(o -> o.bucket(bucket)
                        .key(key)
                        .responseContentType(contentType)
                        .responseContentDisposition(disposition)));
        return URI.create(request.url().toString());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempTwin(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }
}
