package io.comply360.registration.client;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A client as an agent enters it. {@code registrationNumber}: a company's CIPC enterprise number (or another
 * registry's), for a person left empty (ID numbers belong in a filing's data, not in the client list).
 */
public record ClientRequest(
        @NotNull(message = "is required") Client.Kind kind,

        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String name,

        @Size(max = 40, message = "must be at most 40 characters")
        @Pattern(regexp = "[A-Za-z0-9/ -]*", message = "must be letters, digits, '/', '-' or spaces")
        String registrationNumber,

        @Email(message = "must be an email address") @Size(max = 254, message = "must be at most 254 characters")
        String email,

        @Size(max = 16, message = "must be a phone number in international form, like +27821234567")
        @Pattern(
                regexp = "\\+[1-9][0-9]{7,14}",
                message = "must be a phone number in international form, like +27821234567")
        String phone,

        @Size(max = 2, message = "must be en or af") @Pattern(regexp = "en|af", message = "must be en or af")
        String locale) {}
