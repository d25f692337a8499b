package io.comply360.document.documents;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Presigned uploads not completed yet, in the transaction's tenant. */
@ApplicationScoped
public class PendingUploads implements PanacheRepositoryBase<PendingUpload, UUID> {}
