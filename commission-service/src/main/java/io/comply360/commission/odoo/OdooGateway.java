package io.comply360.commission.odoo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The agency's Odoo, as the sync needs it. Every upsert first looks for the record by its reference (the binding's
 * id, else a search by {@code ref} or name), so calling it again after a crash or a lost reply never creates a
 * second record, and it pushes the whole current state, so changes applied out of order converge. Blocking: call it
 * on the sync's own threads. Throws {@link OdooException}. Implemented over XML-RPC today; Odoo's JSON-2 API (from
 * Odoo 19, where XML-RPC is deprecated) can implement the same interface.
 */
public interface OdooGateway {

    /** Where and as whom. {@code toString} leaves the key out. */
    record Connection(String url, String database, String login, String apiKey) {
        @Override
        public String toString() {
            return "Connection[" + url + ", " + database + ", " + login + "]";
        }
    }

    /** What "test connection" reports. */
    record ServerInfo(String serverVersion, int uid) {}

    /** An agent as a supplier ({@code res.partner}, upserted by {@code ref}). */
    record Partner(String ref, String name, String email) {}

    /** A filing as an opportunity ({@code crm.lead}); {@code outcome} open, won or lost. */
    record Lead(String name, String description, BigDecimal expectedRevenue, String outcome) {}

    /** A settlement as a vendor bill ({@code account.move}, {@code in_invoice}, {@code ref} = settlement id). */
    record Bill(String ref, int partnerId, LocalDate invoiceDate, String currency, List<BillLine> lines) {}

    record BillLine(String name, BigDecimal amount) {}

    ServerInfo test(Connection connection);

    /** The partner's id; {@code knownId} from the binding, or null. */
    int upsertPartner(Connection connection, Integer knownId, Partner partner);

    int upsertLead(Connection connection, Integer knownId, Lead lead);

    /** The posted bill's id (created and posted, or found and posted if it was left in draft). */
    int upsertPostedBill(Connection connection, Integer knownId, Bill bill);

    /** The bill's {@code payment_state}: not_paid, in_payment, paid, partial, reversed. */
    String paymentState(Connection connection, int billId);
}
