package io.comply360.commission.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String KEY = "5f4dcc3b5aa765d61d8327deb882cf992b95990a";
    private static final UUID TENANT = UUID.fromString("8a6e0804-2bd0-4672-b79d-d97027f9071a");
    private static final UUID OTHER_TENANT = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    private final ApiKeys keys = new ApiKeys(TestConfigs.defaults());

    private static ApiKeys withMasterKey(String base64) {
        return new ApiKeys(TestConfigs.builder().masterKey(base64).build());
    }

    @Test
    void roundTrip() {
        String stored = keys.encrypt(TENANT, KEY);

        assertThat(stored).startsWith("v1:");
        assertThat(keys.decrypt(TENANT, stored)).isEqualTo(KEY);
    }

    @Test
    void roundTripOfUnicodeAndEmptyKeys() {
        assertThat(keys.decrypt(TENANT, keys.encrypt(TENANT, "clé-ключ-🔑"))).isEqualTo("clé-ключ-🔑");
        assertThat(keys.decrypt(TENANT, keys.encrypt(TENANT, ""))).isEmpty();
    }

    @Test
    void anotherInstanceWithTheSameMasterKeyDecrypts() {
        String stored = keys.encrypt(TENANT, KEY);

        assertThat(new ApiKeys(TestConfigs.defaults()).decrypt(TENANT, stored)).isEqualTo(KEY);
    }

    @Test
    void twoEncryptionsOfTheSameKeyDiffer() {
        String first = keys.encrypt(TENANT, KEY);
        String second = keys.encrypt(TENANT, KEY);

        assertThat(first).isNotEqualTo(second);
        // nonces differ too
        byte[] a = Base64.getDecoder().decode(first.substring(3));
        byte[] b = Base64.getDecoder().decode(second.substring(3));
        assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
        // 12 bytes nonce + cipher text as long as the key + 16 bytes tag
        assertThat(a).hasSize(12 + KEY.length() + 16);
    }

    @Test
    void storedTextNeverContainsTheKey() {
        String stored = keys.encrypt(TENANT, KEY);

        assertThat(stored).doesNotContain(KEY).doesNotContain(KEY.substring(0, 8));
        assertThat(new String(
                        Base64.getDecoder().decode(stored.substring(3)), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(KEY.substring(0, 8));
        assertThat(stored).doesNotContain(Base64.getEncoder().encodeToString(KEY.getBytes()));
    }

    @Test
    void anotherTenantCannotDecrypt() {
        String stored = keys.encrypt(TENANT, KEY);

        assertThatThrownBy(() -> keys.decrypt(OTHER_TENANT, stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(KEY);
    }

    @Test
    void anotherMasterKeyCannotDecrypt() {
        String stored = keys.encrypt(TENANT, KEY);
        ApiKeys other = withMasterKey(TestConfigs.masterKeyOf((byte) 100));

        assertThatThrownBy(() -> other.decrypt(TENANT, stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void tamperedTextCannotBeDecrypted() {
        String stored = keys.encrypt(TENANT, KEY);
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> keys.decrypt(TENANT, tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownFormatsAreRefused() {
        assertThatThrownBy(() -> keys.decrypt(TENANT, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keys.decrypt(TENANT, KEY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown format");
        assertThatThrownBy(() -> keys.decrypt(TENANT, "v1:not base64!")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keys.decrypt(TENANT, "v1:")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keys.decrypt(TENANT, "v1:AAAA")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void masterKeyOfTheWrongLengthFailsAtConstruction() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        String thirtyThree = Base64.getEncoder().encodeToString(new byte[33]);

        assertThatThrownBy(() -> withMasterKey(sixteen))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be 32 bytes")
                .hasMessageContaining("16");
        assertThatThrownBy(() -> withMasterKey(thirtyThree))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> withMasterKey(""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be 32 bytes");
    }

    @Test
    void masterKeyThatIsNotBase64FailsAtConstruction() {
        assertThatThrownBy(() -> withMasterKey("not base64 at all!"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not base64");
    }

    @Test
    void masterKeyMayHaveSurroundingWhitespace() {
        ApiKeys padded = withMasterKey("  " + TestConfigs.MASTER_KEY + "\n");

        assertThat(keys.decrypt(TENANT, padded.encrypt(TENANT, KEY))).isEqualTo(KEY);
    }
}
