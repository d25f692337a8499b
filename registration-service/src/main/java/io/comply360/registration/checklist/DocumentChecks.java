package io.comply360.registration.checklist;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.contracts.document.DocumentEvents;
import io.comply360.registration.filing.RegistrationRepository;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** The decisions on checklist slots, as document-service reports them. */
@ApplicationScoped
public class DocumentChecks implements PanacheRepositoryBase<DocumentCheck, DocumentCheck.Slot> {

    private final RegistrationRepository registrations;

    public DocumentChecks(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    /**
     * Records a decision in the caller's tenant transaction unless a newer one is on record (events may arrive out
     * of order): a later document version wins, and of one version the later decision. A decision on a filing this
     * tenant does not have is ignored.
     */
    public Uni<Void> record(UUID tenantId, String status, DocumentEvents.Checked checked) {
        UUID person = checked.personId() == null ? DocumentCheck.NO_PERSON : checked.personId();
        return registrations.findById(checked.registrationId()).chain(registration -> {
            if (registration == null) {
                Log.infof(
                        "A document decision for filing %s, which tenant %s does not have; ignored",
                        checked.registrationId(), tenantId);
                return Uni.createFrom().voidItem();
            }
            return findById(new DocumentCheck.Slot(tenantId, checked.registrationId(), checked.documentType(), person))
                    .chain(existing -> {
                        if (existing != null && newer(existing, checked)) {
                            return Uni.createFrom().voidItem();
                        }
                        DocumentCheck check = existing != null ? existing : new DocumentCheck();
                        check.tenantId = tenantId;
                        check.registrationId = checked.registrationId();
                        check.documentType = checked.documentType();
                        check.personId = person;
                        check.documentId = checked.documentId();
                        check.documentVersion = checked.documentVersion();
                        check.status = status;
                        check.dataVersion = checked.dataVersion();
                        check.reason = checked.reason();
                        check.checkedAt = checked.checkedAt();
                        return existing != null
                                ? Uni.createFrom().voidItem()
                                : persist(check).replaceWithVoid();
                    });
        });
    }

    private static boolean newer(DocumentCheck existing, DocumentEvents.Checked incoming) {
        if (existing.documentVersion != incoming.documentVersion()) {
            return existing.documentVersion > incoming.documentVersion();
        }
        return existing.checkedAt.isAfter(incoming.checkedAt());
    }
}
