package io.comply360.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The local S3 server (S3Proxy) speaks S3 through the AWS SDK and checks signatures. */
class S3ProxyTest {

    private static S3Client client(String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create(LocalStack.S3))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("comply360", secret)))
                .build();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anObjectUploadedWithTheSdkComesBackByteForByte() throws Exception {
        String bucket = "e2e-" + System.nanoTime();
        byte[] document = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(document);
        try (S3Client s3 = client("comply360-dev-secret")) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(
                    p -> p.bucket(bucket).key("tenants/acme/id-document.pdf").contentType("application/pdf"),
                    RequestBody.fromBytes(document));
            byte[] downloaded = s3.getObjectAsBytes(g -> g.bucket(bucket).key("tenants/acme/id-document.pdf"))
                    .asByteArray();
            assertThat(sha256(downloaded)).isEqualTo(sha256(document));
            assertThat(s3.headObject(h -> h.bucket(bucket).key("tenants/acme/id-document.pdf"))
                            .contentLength())
                    .isEqualTo(document.length);
            s3.deleteObject(d -> d.bucket(bucket).key("tenants/acme/id-document.pdf"));
            s3.deleteBucket(d -> d.bucket(bucket));
        }
    }

    @Test
    void aWrongSecretIsRefused() {
        try (S3Client s3 = client("not-the-secret")) {
            assertThatThrownBy(() -> s3.putObject(
                            p -> p.bucket("e2e-refused").key("x"),
                            RequestBody.fromString("should never be stored", StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode())
                                .isIn("SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied");
                    });
            assertThatThrownBy(() -> s3.listBuckets()).isInstanceOf(S3Exception.class);
        }
    }
}
