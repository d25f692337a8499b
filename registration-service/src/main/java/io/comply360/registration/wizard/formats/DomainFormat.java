package io.comply360.registration.wizard.formats;

/** A JSON Schema {@code format} of our own, asserted on strings: registry numbers, names, phone numbers. */
public interface DomainFormat {

    /** The name a schema uses: {@code "format": "za-id-number"}. */
    String name();

    FormatCheck check(String value);
}
