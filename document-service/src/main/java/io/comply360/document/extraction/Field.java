package io.comply360.document.extraction;

/**
 * A value read off a document: the field it fills ({@code idNumber}, {@code surname}, …), the value as normalised
 * (digits only for an ID number, ISO dates), the confidence of the words it came from (0–100), whether it passed
 * its own check (an ID number's check digit, an MRZ's check digits; true where there is none), and where it came
 * from ({@code label}, {@code pattern}, {@code mrz}, {@code id_number}).
 */
public record Field(String name, String value, double confidence, boolean checked, String source) {

    public static final String ID_NUMBER = "idNumber";
    public static final String PASSPORT_NUMBER = "passportNumber";
    public static final String SURNAME = "surname";
    public static final String FIRST_NAMES = "firstNames";
    public static final String DATE_OF_BIRTH = "dateOfBirth";
    public static final String NATIONALITY = "nationality";
    public static final String EXPIRY_DATE = "expiryDate";
    public static final String ENTERPRISE_NUMBER = "enterpriseNumber";
    public static final String VAT_NUMBER = "vatNumber";
    public static final String POSTAL_CODE = "postalCode";
}
