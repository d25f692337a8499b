package io.comply360.registration.sla;

import java.time.LocalDate;

/**
 * A public holiday on a date. {@code observed}: the Monday that stands in for a holiday falling on a Sunday (its name
 * is the Sunday holiday's, the Sunday itself is listed too).
 */
public record Holiday(LocalDate date, String name, boolean observed) {}
