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
import software.amazon.awssdk.core.exception.SdkException;
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
    void aWrongSecretIsRefusedAndNothingIsStored() {
        String bucket = "e2e-refused-" + System.nanoTime();
        try (S3Client wrong = client("not-the-secret");
                S3Client right = client("comply360-dev-secret")) {
            assertThatThrownBy(wrong::listBuckets).isInstanceOfSatisfying(S3Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode())
                        .isIn("SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied");
            });
            right.createBucket(c -> c.bucket(bucket));
            // S3Proxy refuses a bad signature before reading the body and may close the connection while the
            // client is still sending it: a 403, or the write cut off. Either way nothing may be stored.
            assertThatThrownBy(() -> wrong.putObject(
                            p -> p.bucket(bucket).key("x"),
                            RequestBody.fromString("should never be stored", StandardCharsets.UTF_8)))
                    .isInstanceOf(SdkException.class);
            assertThatThrownBy(() -> right.headObject(h -> h.bucket(bucket).key("x")))
                    .isInstanceOfSatisfying(
                            S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            assertThat(right.listObjectsV2(l -> l.bucket(bucket)).keyCount()).isZero();
            right.deleteBucket(d -> d.bucket(bucket));
        }
    }
}
