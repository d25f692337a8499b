package io.comply360.registration.filing;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** The list's filters, search and order, shared by the list and the CSV export. */
public class RegistrationFilter {

    public static final String SORTS = "updatedAt|-updatedAt|createdAt|-createdAt|reference|-reference|dueAt|-dueAt"
            + "|companyName|-companyName|status|-status";

    @QueryParam("status")
    @Size(max = 10, message = "must name at most 10 states")
    public List<
                    @Pattern(
                            regexp = "DRAFT|SUBMITTED|IN_REVIEW|CHANGES_REQUESTED|RESUBMITTED|APPROVED|REJECTED|FILED"
                                    + "|REGISTERED|CANCELLED",
                            message = "must be a registration state, e.g. SUBMITTED")
                    String>
            status;

    @QueryParam("type")
    @Size(max = 64, message = "must be at most 64 characters")
    @Pattern(regexp = "[a-z0-9-]+", message = "must be a filing type like private-company")
    public String type;

    @QueryParam("country")
    @Pattern(regexp = "[A-Z]{2}", message = "must be a country code like ZA")
    public String country;

    @QueryParam("clientId")
    public UUID clientId;

    @QueryParam("assigneeId")
    @Size(max = 255, message = "must be at most 255 characters")
    public String assigneeId;

    @QueryParam("agentId")
    @Size(max = 255, message = "must be at most 255 characters")
    public String agentId;

    @QueryParam("overdue")
    public Boolean overdue;

    /** A reference (or its start) or a part of the company name. */
    @QueryParam("q")
    @Size(max = 100, message = "must be at most 100 characters")
    public String query;

    @QueryParam("sort")
    @DefaultValue("-updatedAt")
    @Pattern(regexp = SORTS, message = "must be one of " + SORTS + " ('-' for descending)")
    public String sort;
}
