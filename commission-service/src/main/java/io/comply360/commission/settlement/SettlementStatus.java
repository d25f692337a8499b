package io.comply360.commission.settlement;

/** SETTLED (created) → INVOICED (a posted vendor bill in the agency's Odoo) → PAID (the bill paid, or recorded). */
public enum SettlementStatus {
    SETTLED,
    INVOICED,
    PAID
}
