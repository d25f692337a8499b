package io.comply360.document.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

/** The store against S3Proxy (signatures checked): large files go up in parts and come back byte for byte. */
@QuarkusTest
class ObjectStoreTest {

    @Inject
    ObjectStore store;

    @TempDir
    Path dir;

    @Test
    void aFileLargerThanAPartIsAMultipartUploadThatComesBackIntact() throws Exception {
        byte[] bytes = new byte[19 * 1024 * 1024 + 123]; // three parts of 8 MB, the last one short
        new Random(5).nextBytes(bytes);
        Path file = Files.write(dir.resolve("large"), bytes);
        String key = "tenants/" + UUID.randomUUID() + "/documents/" + UUID.randomUUID() + "/original";

        store.put(key, file, "application/pdf");

        // Three parts (8 MB each, the last short) put together in order: the same size and bytes come back.
        assertThat(store.head(key))
                .hasValueSatisfying(head -> assertThat(head.contentLength()).isEqualTo(bytes.length));
        Path back = dir.resolve("back");
        store.download(key, back, bytes.length);
        assertThat(sha256(Files.readAllBytes(back))).isEqualTo(sha256(bytes));
        assertThatThrownBy(() -> store.download(key, dir.resolve("small"), 1024))
                .isInstanceOf(ObjectStore.TooLarge.class);

        store.delete(key);
        assertThat(store.head(key)).isEmpty();
        store.delete(key); // deleting what is gone is not an error
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
