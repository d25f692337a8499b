package io.comply360.tenant.keycloak;

/**
 * The names Keycloak's user profile accepts for a person (its {@code person-name-prohibited-characters} rule),
 * checked before Keycloak is asked so that a refused name is a 422 naming the field, not a failed call.
 */
public final class PersonNames {

    public static final String ALLOWED = "[^<>&\"$%!#?§;*~/\\\\|^=\\[\\]{}()]*";
    public static final String MESSAGE = "must not contain any of < > & \" $ % ! # ? § ; * ~ / \\ | ^ = [ ] { } ( )";

    private PersonNames() {}
}
