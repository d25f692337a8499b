package io.comply360.commission.odoo;

/**
 * What a sync job brings to the agency's Odoo: an agent as a supplier ({@code res.partner}), a filing as an
 * opportunity ({@code crm.lead}), a settlement as a posted vendor bill ({@code account.move}), and a vendor bill's
 * payment state read back.
 */
public enum SyncEntity {
    PARTNER("partner"),
    LEAD("lead"),
    BILL("bill"),
    PAYMENT("payment");

    public final String code;

    SyncEntity(String code) {
        this.code = code;
    }

    public static SyncEntity of(String code) {
        for (SyncEntity e : values()) {
            if (e.code.equals(code)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown sync entity " + code);
    }
}
