package io.comply360.commission.odoo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.commission.config.CommissionConfig;

/**
 * Agencies' Odoo API keys at rest: AES-256-GCM under the master key from the environment, a fresh 96-bit nonce per
 * key, the tenant id as associated data (a cipher text copied into another tenant's row does not decrypt). Stored
 * as {@code v1:<base64(nonce ‖ cipher text ‖ tag)>}.
 */
@ApplicationScoped
public class ApiKeys {

    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(CommissionConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.odoo().masterKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("comply360.commission.odoo.master-key is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException(
                    "comply360.commission.odoo.master-key must be 32 bytes (base64), is " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public String encrypt(UUID tenantId, String apiKey) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(tenantId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(apiKey.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The key, or an exception when the cipher text was not made for this tenant with this master key. */
    public String decrypt(UUID tenantId, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("The stored Odoo API key has an unknown format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            cipher.updateAAD(tenantId.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The stored Odoo API key cannot be decrypted (another master key?): enter it again", e);
        }
    }
}
