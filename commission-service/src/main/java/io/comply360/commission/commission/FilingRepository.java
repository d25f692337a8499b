package io.comply360.commission.commission;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Filings of the transaction's tenant as this service knows them. */
@ApplicationScoped
public class FilingRepository implements PanacheRepositoryBase<Filing, Filing.Key> {}
